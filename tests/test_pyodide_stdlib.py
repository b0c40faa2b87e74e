"""The trimmed standard library (hooks/pyodide_stdlib.py): the checked-in list is what a fresh trace under Node
finds, the trace runs every op the worker can be asked for, and the build keeps exactly the listed modules.
(tests/test_pyodide_parity.py runs every kind of request in Pyodide against the trimmed library the site publishes.)"""
import zipfile

import pytest

from hooks import pyodide_stdlib
from hooks.pyodide_files import NPM_PYODIDE, site_path
from upperback import browser


def test_the_trace_asks_for_every_op_the_worker_runs_and_each_succeeds():
    chain = pyodide_stdlib.requests()  # raises if a request fails under CPython
    assert {request["op"] for request in chain} == set(browser.OPS)


def test_the_list_is_what_a_fresh_trace_finds(built_site):
    result = pyodide_stdlib.trace(built_site / site_path(), NPM_PYODIDE / "python_stdlib.zip")
    assert result["failed"] == []  # every request took its real path in Pyodide too
    assert "upperback.browser" in result["ours"] and "segno" in result["ours"]
    traced, kept = set(result["files"]), pyodide_stdlib.listed()
    assert not traced - kept, f"missing from the list (run tools/trace_stdlib.py): {sorted(traced - kept)}"
    assert not kept - traced, f"listed but no longer loaded (run tools/trace_stdlib.py): {sorted(kept - traced)}"
    # What the decisions record as the cause of a too-short list: the package install needs importlib.metadata.
    assert "importlib/metadata/__init__.py" in kept


def test_trim_keeps_only_the_listed_modules_as_bytecode(tmp_path):
    compiled = tmp_path / "lib.pyc.zip"
    with zipfile.ZipFile(compiled, "w") as archive:
        for name in ("json/__init__.pyc", "json/decoder.pyc", "tkinter/__init__.pyc"):
            archive.writestr(name, b"bytecode of " + name.encode())
    pyodide_stdlib.trim(compiled, tmp_path / "trimmed.zip", {"json/__init__.py", "json/decoder.py"})
    with zipfile.ZipFile(tmp_path / "trimmed.zip") as archive:
        assert sorted(archive.namelist()) == ["json/__init__.pyc", "json/decoder.pyc"]
        assert archive.read("json/decoder.pyc") == b"bytecode of json/decoder.pyc"
    with pytest.raises(RuntimeError, match="csv.py"):
        pyodide_stdlib.trim(compiled, tmp_path / "other.zip", {"csv.py"})
