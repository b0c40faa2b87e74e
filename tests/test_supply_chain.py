"""A verified supply chain (issue 18, item 6; item 7's SITE_URL): pip installs only locked, hashed packages, the
build publishes only Pyodide files that match the pinned npm package, and the deploy build needs a real SITE_URL."""
import base64
import hashlib
import importlib.metadata
import importlib.util
import io
import os
import shutil
import subprocess
import tarfile

import pytest
import yaml
from packaging.requirements import Requirement

from helpers import ROOT
from hooks import pyodide_files, pyodide_manifest


def _load_requirements_lock():
    spec = importlib.util.spec_from_file_location("requirements_lock", ROOT / "tools" / "requirements_lock.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


requirements_lock = _load_requirements_lock()


# -- pip: hashed locks -----------------------------------------------------------------------------------------------

def test_the_locks_agree_with_the_requirement_files_and_constraints():
    assert requirements_lock.problems() == []


def locked(lock):
    return {requirements_lock.canonical(name): version
            for name, version, _, _ in requirements_lock.entries(ROOT / "requirements" / lock, follow=False)}


def test_every_package_the_tests_need_is_installed_from_the_lock_transitive_ones_included():
    """Walks the installed dependency tree from site.txt and test.txt, with this Python's markers: each package in
    it must be in test.lock.txt at the version installed, so `pip install --require-hashes` installed it."""
    lock = locked("test.lock.txt")
    roots = requirements_lock.entries(ROOT / "requirements" / "test.txt")
    queue = [(requirements_lock.canonical(name), frozenset()) for name, *_ in roots]
    seen = {}
    while queue:
        name, extras = queue.pop()
        if (name, extras) in seen:
            continue
        distribution = importlib.metadata.distribution(name)
        seen[(name, extras)] = distribution.version
        for line in distribution.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or any(requirement.marker.evaluate({"extra": extra})
                                                 for extra in extras | {""}):
                queue.append((requirements_lock.canonical(requirement.name), frozenset(requirement.extras)))
    installed = {name: version for (name, _), version in seen.items()}
    assert len(installed) > 50
    assert {name: lock.get(name) for name in installed} == installed


def test_the_site_lock_is_the_test_lock_less_the_test_packages():
    site, test = locked("site.lock.txt"), locked("test.lock.txt")
    assert site.items() <= test.items()
    assert "pytest" not in site and "mkdocs" in site and "editables" in site


@pytest.fixture
def requirements_copy(tmp_path):
    target = tmp_path / "requirements"
    shutil.copytree(ROOT / "requirements", target)
    return target


def test_a_package_added_without_make_lock_is_named(requirements_copy):
    with open(requirements_copy / "test.txt", "a") as test_txt:
        test_txt.write("example-package==1.0\n")
    with open(requirements_copy / "constraints.txt", "a") as constraints:
        constraints.write("example-package==1.0\n")
    assert requirements_lock.problems(requirements_copy) == [
        f"requirements/test.txt:{len((requirements_copy / 'test.txt').read_text().splitlines())}: "
        "example-package==1.0 is not in requirements/test.lock.txt",
        "requirements/constraints.txt: example-package==1.0 is in no lock (make lock adds it, or remove it if "
        "nothing needs it)",
    ]


def test_a_version_changed_in_one_place_only_is_named(requirements_copy):
    constraints = requirements_copy / "constraints.txt"
    constraints.write_text(constraints.read_text().replace("\npytest==9.2.0\n", "\npytest==9.9.9\n"))
    found = requirements_lock.problems(requirements_copy)
    assert any("test.lock.txt" in line and "pytest==9.2.0, but requirements/constraints.txt has 9.9.9" in line
               for line in found), found
    assert any(line.startswith("requirements/test.txt:") and "pytest==9.2.0" in line for line in found), found


def test_a_lock_entry_without_hashes_is_refused(requirements_copy):
    lock = requirements_copy / "site.lock.txt"
    text = lock.read_text()
    start = text.index("\nmkdocs==1.6.1 \\\n") + 1
    end = text.index("\n    # via", start)
    lock.write_text(text[:start] + "mkdocs==1.6.1" + text[end:])
    assert any(line.endswith("mkdocs==1.6.1 has no hash") for line in requirements_lock.problems(requirements_copy))


def test_make_installs_only_with_hashes_and_wheels():
    """What `make install-test` and `make lock` would run from nothing (make -n -B prints it without running it)."""
    commands = subprocess.run(["make", "--no-print-directory", "-n", "-B", "install-test", "lock"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.splitlines()
    installs = [line for line in commands if " -m pip install " in line]
    # The project's own editable install is the one without hashes: pip cannot hash a local folder.
    editable = ".venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e ."
    assert [line for line in installs if "--require-hashes --only-binary=:all: -r requirements/" not in line] == [
        editable]
    assert sorted(line.split()[-1] for line in installs if line != editable) == [
        "requirements/pip-tools.lock.txt", "requirements/site.lock.txt", "requirements/test.lock.txt"]


# -- Pyodide: the runtime files against the pinned npm package -------------------------------------------------------

def test_the_manifest_is_for_the_package_that_package_lock_pins():
    manifest = pyodide_manifest.load()
    assert (manifest["version"], manifest["integrity"]) == pyodide_manifest.pinned()
    assert set(pyodide_files.CHECKED_FILES) <= set(manifest["sha256"])


def test_the_installed_runtime_files_are_the_pinned_ones():
    checked = pyodide_manifest.checked_bytes(pyodide_files.NPM_PYODIDE, pyodide_files.CHECKED_FILES)
    assert sorted(checked) == sorted(pyodide_files.CHECKED_FILES)


@pytest.fixture
def runtime_copy(tmp_path, monkeypatch):
    """A copy of node_modules/pyodide's runtime files that publish() reads instead of the real ones."""
    folder = tmp_path / "node_modules" / "pyodide"
    folder.mkdir(parents=True)
    for name in pyodide_files.CHECKED_FILES:
        shutil.copy2(pyodide_files.NPM_PYODIDE / name, folder / name)
    monkeypatch.setattr(pyodide_files, "NPM_PYODIDE", folder)
    return folder


def test_a_tampered_runtime_file_stops_the_publish_step(runtime_copy, tmp_path):
    with open(runtime_copy / "python_stdlib.zip", "ab") as archive:
        archive.write(b"not from the pinned package")
    site = tmp_path / "site"
    with pytest.raises(RuntimeError) as stopped:
        pyodide_files.publish(site)
    message = str(stopped.value)
    assert message.startswith(f"Refusing to publish Pyodide: files in {runtime_copy} differ from pyodide 314.0.7")
    assert "  python_stdlib.zip: sha256 is " in message and "pyodide.asm.wasm" not in message
    assert message.endswith("Reinstall the pinned files with `rm -rf node_modules && make install`.")
    assert not site.exists(), "nothing is published before every file is checked"


def test_the_build_reports_it_as_one_plugin_error(runtime_copy, tmp_path):
    from mkdocs.exceptions import PluginError

    from hooks import engine_files

    (runtime_copy / "pyodide.asm.wasm").write_bytes(b"\0asm tampered")
    with pytest.raises(PluginError, match=r"(?s)^Refusing to publish Pyodide.*pyodide\.asm\.wasm: sha256 is"):
        engine_files.on_post_build({"site_dir": str(tmp_path / "site")})


def test_a_missing_runtime_file_is_named(runtime_copy, tmp_path):
    (runtime_copy / "pyodide-lock.json").unlink()
    with pytest.raises(RuntimeError, match=r"\n  pyodide-lock\.json: missing\n"):
        pyodide_files.publish(tmp_path / "site")


def test_a_manifest_for_another_pyodide_asks_for_make_pyodide_manifest(tmp_path, monkeypatch):
    stale = tmp_path / "pyodide-runtime.json"
    stale.write_text('{"version": "0.1.0", "integrity": "sha512-old", "sha256": {}}')
    monkeypatch.setattr(pyodide_manifest, "MANIFEST", stale)
    with pytest.raises(RuntimeError, match=r"is for pyodide 0\.1\.0, but package-lock\.json pins pyodide 314\.0\.7: "
                                           r"run `make pyodide-manifest`"):
        pyodide_manifest.checked_bytes(pyodide_files.NPM_PYODIDE, pyodide_files.CHECKED_FILES)


def test_npm_integrity_strings_are_checked():
    empty = "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="  # of b""
    assert pyodide_manifest.integrity_matches(b"", empty)
    assert not pyodide_manifest.integrity_matches(b"x", empty)
    assert not pyodide_manifest.integrity_matches(b"", "md5-1B2M2Y8AsgTpgAmY7PhCfg==")  # no known algorithm


def small_tarball(files):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            member = tarfile.TarInfo(f"package/{name}")
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    return buffer.getvalue()


def test_the_manifest_hashes_each_file_of_a_tarball_that_matches_its_integrity():
    tarball = small_tarball({"pyodide.mjs": b"export {}", "package.json": b"{}"})
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    manifest = pyodide_manifest.manifest_for(tarball, "1.2.3", integrity)
    assert manifest["sha256"] == {"package.json": hashlib.sha256(b"{}").hexdigest(),
                                  "pyodide.mjs": hashlib.sha256(b"export {}").hexdigest()}
    with pytest.raises(RuntimeError, match="does not match package-lock.json's integrity"):
        pyodide_manifest.manifest_for(tarball + b"\0", "1.2.3", integrity)


# -- SITE_URL: the deploy build refuses to point at 127.0.0.1 ------------------------------------------------------

def site_url_check(**variables):
    environment = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "REQUIRE_SITE_URL")}
    return subprocess.run(["make", "--no-print-directory", "-s", "site-url-check"], cwd=ROOT, capture_output=True,
                          text=True, env={**environment, **variables})


@pytest.mark.parametrize("variables", [{}, {"SITE_URL": ""}, {"SITE_URL": "/"}, {"SITE_URL": "example.org/"},
                                       {"SITE_URL": "http://127.0.0.1:8000/"}, {"SITE_URL": "https://localhost/a/"}])
def test_the_deploy_build_refuses_a_missing_or_local_site_url(variables):
    result = site_url_check(REQUIRE_SITE_URL="1", **variables)
    assert result.returncode != 0
    assert result.stderr.startswith("SITE_URL is ")
    assert "the deploy build needs the site's public address" in result.stderr


def test_a_public_site_url_passes_and_local_builds_need_none():
    assert site_url_check(REQUIRE_SITE_URL="1", SITE_URL="https://example.github.io/upper-back-guide/").returncode == 0
    assert site_url_check().returncode == 0


def test_the_workflow_builds_the_published_site_with_the_check_on():
    steps = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())["jobs"]["test"]["steps"]
    runs = [step.get("run") for step in steps]
    assert runs.index("make site-url-check") < runs.index("make test") < runs.index("make build")
    for step in steps:
        if step.get("run") in ("make site-url-check", "make build"):
            assert step["env"]["REQUIRE_SITE_URL"] == "1"
            assert step["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
