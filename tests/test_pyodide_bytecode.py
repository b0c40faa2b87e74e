"""The build's bytecode compiler (hooks/bytecode.py): run here under CPython, and in the build under Pyodide."""
import os
import subprocess
import sys
import zipfile

from hooks.bytecode import compile_archive
from hooks.pyodide_files import NPM_PYODIDE, STDLIB_BYTECODE, site_path
from hooks.pyodide_stdlib import listed


def make_archive(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("pkg/__init__.py", "from .maths import answer\n")
        archive.writestr("pkg/maths.py", "def answer():\n    return 6 * 7\n")
        archive.writestr("pkg/data.txt", "kept as it is")
    return path


def test_every_module_becomes_sourceless_bytecode_and_other_files_are_kept(tmp_path):
    target = tmp_path / "lib.pyc.zip"
    compile_archive(make_archive(tmp_path / "lib.zip"), target)
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["pkg/__init__.pyc", "pkg/data.txt", "pkg/maths.pyc"]
        assert archive.read("pkg/data.txt") == b"kept as it is"
    result = subprocess.run(
        [sys.executable, "-c", "import pkg; print(pkg.answer(), pkg.__file__)"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(target)},
        cwd=tmp_path,
    )
    assert result.stdout.split() == ["42", f"{target}/pkg/__init__.pyc"], result.stderr


def test_the_same_source_gives_the_same_bytes(tmp_path):
    source = make_archive(tmp_path / "lib.zip")
    compile_archive(source, tmp_path / "one.zip")
    compile_archive(source, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_published_stdlib_holds_the_listed_modules_of_pyodides_compiled(built_site):
    with (
        zipfile.ZipFile(NPM_PYODIDE / "python_stdlib.zip") as original,
        zipfile.ZipFile(built_site / site_path() / STDLIB_BYTECODE) as compiled,
    ):
        wanted = listed()
        assert wanted < set(original.namelist())  # a real subset of Pyodide's own files
        assert sorted(compiled.namelist()) == sorted(name + "c" for name in wanted)
