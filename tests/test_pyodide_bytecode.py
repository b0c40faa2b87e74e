"""The build's bytecode compiler (hooks/bytecode.py): run here under CPython, and in the build under Pyodide."""
import base64
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from hooks.bytecode import compile_archive, compile_wheel
from hooks.pyodide_files import NPM_PYODIDE, STDLIB_BYTECODE, site_path
from hooks.pyodide_stdlib import listed

ROOT = Path(__file__).resolve().parents[1]


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


def make_wheel(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        source = ("from importlib import resources\n\n"
                  "def data():\n    return (resources.files(__name__) / 'data' / 'x.json').read_text()\n")
        archive.writestr("pkg/__init__.py", source)
        archive.writestr("pkg/data/x.json", '{"kept": true}')
        archive.writestr("pkg-1.0.dist-info/METADATA", "Name: pkg\nVersion: 1.0\n")
        archive.writestr("pkg-1.0.dist-info/RECORD", "pkg/__init__.py,sha256=stale,1\n")
    return path


def record_problems(archive):
    """Every way the wheel's RECORD differs from the files it holds (the wheel format: name,sha256=...,size)."""
    record = next(name for name in archive.namelist() if name.endswith(".dist-info/RECORD"))
    listed = {line.split(",")[0]: line for line in archive.read(record).decode().splitlines()}
    problems = [f"{name} not in RECORD" for name in archive.namelist() if name not in listed]
    for name, line in listed.items():
        if name == record:
            problems += [] if line == f"{record},," else [f"RECORD lists itself as {line!r}"]
        elif name not in archive.namelist():
            problems.append(f"RECORD lists {name}, which the wheel lacks")
        else:
            data = archive.read(name)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            problems += [] if line == f"{name},sha256={digest},{len(data)}" else [f"{name}: {line!r} is stale"]
    return problems


def test_a_compiled_wheel_holds_bytecode_stored_with_a_true_record_and_imports_from_the_zip(tmp_path):
    target = tmp_path / "pkg-1.0-py3-none-any.whl"
    compile_wheel(make_wheel(tmp_path / "source.whl"), target)
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == [
            "pkg-1.0.dist-info/METADATA", "pkg-1.0.dist-info/RECORD", "pkg/__init__.pyc", "pkg/data/x.json"]
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_STORED}
        assert record_problems(archive) == []
    result = subprocess.run(  # as the browser does: the wheel itself on sys.path, nothing unpacked
        [sys.executable, "-c", "import pkg; print(pkg.data(), pkg.__file__)"],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(target)}, cwd=tmp_path,
    )
    assert result.stdout.split() == ['{"kept":', "true}", f"{target}/pkg/__init__.pyc"], result.stderr


def test_the_published_engine_wheel_is_every_engine_module_compiled_with_a_true_record(built_site):
    wheel = next((built_site / site_path()).glob("upperback-*.whl"))
    modules = sorted(f"upperback/{path.name}c" for path in (ROOT / "src" / "upperback").glob("*.py"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert sorted(name for name in names if name.startswith("upperback/") and "/content/" not in name) == modules
        assert not [name for name in names if name.endswith(".py")]
        assert record_problems(archive) == []


def test_the_engine_reads_its_content_from_inside_its_wheel(built_site, tmp_path):
    """The browser imports the engine from the zip, so its content is read from inside it. Under this machine's
    Python the published bytecode (Pyodide's Python) cannot load, so the same wheel is rebuilt with the sources."""
    published = next((built_site / site_path()).glob("upperback-*.whl"))
    with_sources = tmp_path / published.name
    with zipfile.ZipFile(published) as archive_in, zipfile.ZipFile(with_sources, "w") as archive_out:
        for name in archive_in.namelist():
            if name.endswith(".pyc"):
                archive_out.write(ROOT / "src" / name[:-1], name[:-1])
            else:
                archive_out.writestr(name, archive_in.read(name))
    script = ("import json, upperback.content as c; loaded = c.load(); print(json.dumps("
              "[c.default_root().__class__.__module__, sorted(loaded.exercises), sorted(loaded.checks)]))")
    environment = {key: value for key, value in os.environ.items() if key != "UPPERBACK_CONTENT"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path,
                            env={**environment, "PYTHONPATH": str(with_sources)})
    assert result.returncode == 0, result.stderr
    place, exercises, checks = json.loads(result.stdout)
    assert place.startswith("zipfile")  # read from inside the zip, not from a checkout's content/ folder
    ids = lambda kind: sorted(json.loads(path.read_text())["id"] for path in (ROOT / "content" / kind).glob("*.json"))  # noqa: E731
    assert (exercises, checks) == (ids("exercises"), ids("checks"))
