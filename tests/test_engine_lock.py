"""The engine's lock file: only the packages the browser loads (and what they depend on), each with the sha256 of
the wheel published beside it, and Pyodide's own "info" (its Python and platform), so loadPyodide accepts it."""
import hashlib
import json

import pytest

from hooks.pyodide_files import ENGINE_LOCK, NPM_PYODIDE, keep_only, site_path


def test_the_published_lock_lists_only_the_engine_and_segno_with_their_wheels(built_site):
    folder = built_site / site_path()
    lock = json.loads((folder / ENGINE_LOCK).read_text())
    assert sorted(lock["packages"]) == ["segno", "upperback"]
    assert lock["info"] == json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())["info"]
    for package in lock["packages"].values():
        wheel = folder / package["file_name"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == package["sha256"]
    assert (folder / ENGINE_LOCK).stat().st_size < 5000  # Pyodide's full lock is about 119 KB


def test_keep_only_follows_dependencies_and_names_a_missing_package(tmp_path):
    lock = tmp_path / "lock.json"
    lock.write_text(json.dumps({"info": {"python": "3.x"}, "packages": {
        "app": {"depends": ["lib"]}, "lib": {"depends": ["base"]}, "base": {"depends": []}, "other": {"depends": []}}}))
    keep_only(lock, ["app"])
    assert sorted(json.loads(lock.read_text())["packages"]) == ["app", "base", "lib"]
    with pytest.raises(RuntimeError, match="'absent'"):
        keep_only(lock, ["absent"])
