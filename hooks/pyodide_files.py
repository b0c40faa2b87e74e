"""Self-hosted Pyodide: copy the pinned npm package's files into the built site under a versioned path, build the
engine wheel there, and register it (with its sha256) in a lockfile with pyodide-build's `lockfile add-wheels`.
Beside Pyodide's own (unmodified) files goes its standard library compiled to bytecode, which the browser loads
instead of the source-only python_stdlib.zip (see bytecode.py); that one is not published. Only the modules the
engine's real path loads are published (requirements/pyodide-stdlib.txt, see pyodide_stdlib.py).
Before any of it is published or run, each runtime file is checked against the sha256 that the pinned npm package
has (requirements/pyodide-runtime.json, pyodide_manifest.py): a file changed after `npm ci` stops the build."""
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from . import pyodide_manifest, pyodide_stdlib

ROOT = Path(__file__).resolve().parents[1]
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# Checked with them: package.json names the published folder (version()).
CHECKED_FILES = (*CORE_FILES, "package.json")
ENGINE_LOCK = "upperback-lock.json"
# The packages the browser ever loads: the engine (assessment-worker.mjs) and segno (pages with data-packages="segno").
# The engine's lock file lists only these (with anything they depend on): Pyodide's own lists ~300 packages
# (119 KB) that no page loads.
ENGINE_PACKAGES = ("upperback", "segno")
STDLIB_BYTECODE = "python_stdlib.pyc.zip"  # the worker's stdLibURL (docs/javascripts/assessment-worker.mjs)
# Compiling the standard library takes seconds; the result depends only on Pyodide's files, so it is kept.
BYTECODE_CACHE = ROOT / "node_modules" / ".cache" / "upperback"
# Pure-Python wheels the browser loads beside the engine (requirements/pyodide.txt, fetched by `make install`).
EXTRA_WHEELS = ROOT / ".venv" / "pyodide-wheels"


def version():
    return json.loads((NPM_PYODIDE / "package.json").read_text())["version"]


def site_path():
    """Where the files live, relative to the site root."""
    return f"pyodide/{version()}/"


def _run(*command):
    if shutil.which(command[0]) is None:
        raise RuntimeError(f"{command[0]} was not found on PATH; the build needs it "
                           "(README: what a fresh machine needs)")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{result.stderr[-2000:]}")


def stdlib_bytecode(pyodide_dir=None):
    """Pyodide's standard library with every module compiled by Pyodide's own Python; kept until Pyodide's files or
    the compiler change. publish() passes the folder of the copies it has checked."""
    pyodide_dir = Path(pyodide_dir or NPM_PYODIDE)
    source = pyodide_dir / "python_stdlib.zip"
    inputs = [source, pyodide_dir / "pyodide.asm.wasm", Path(__file__).with_name("bytecode.py")]
    key = hashlib.sha256(b"".join(hashlib.sha256(path.read_bytes()).digest() for path in inputs)).hexdigest()[:16]
    cached = BYTECODE_CACHE / f"python_stdlib-{key}.pyc.zip"
    if not cached.exists():
        BYTECODE_CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(cached.name + ".partial")  # never leave a half-written file under the final name
        _run("node", str(Path(__file__).with_name("pyodide_bytecode.mjs")), str(pyodide_dir), str(source), str(partial))
        partial.replace(cached)
    return cached


def publish(site_dir):
    checked = pyodide_manifest.checked_bytes(NPM_PYODIDE, CHECKED_FILES)  # RuntimeError before anything is written
    target = Path(site_dir) / site_path()
    target.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:  # the very bytes that were checked; everything below reads these copies
        (target / name).write_bytes(checked[name])
        shutil.copystat(NPM_PYODIDE / name, target / name)
    pyodide_stdlib.trim(stdlib_bytecode(target), target / STDLIB_BYTECODE, pyodide_stdlib.listed())
    for old in target.glob("*.whl"):
        old.unlink()
    _run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(target), ".")
    for wheel in target.glob("upperback-*.whl"):
        engine_bytecode(target, wheel)
    (target / "python_stdlib.zip").unlink()  # the source the bytecode came from: the browser never loads it
    extras = sorted(EXTRA_WHEELS.glob("*.whl"))
    if not extras:
        raise RuntimeError(f"no wheels in {EXTRA_WHEELS}: run `make install` (it downloads requirements/pyodide.txt)")
    for wheel in extras:
        shutil.copy2(wheel, target / wheel.name)
    pyodide_cli = Path(sys.executable).with_name("pyodide")
    _run(str(pyodide_cli), "lockfile", "add-wheels", "--input", str(target / "pyodide-lock.json"),
         "--output", str(target / ENGINE_LOCK), "--base-path", str(target), *map(str, sorted(target.glob("*.whl"))))
    keep_only(target / ENGINE_LOCK, ENGINE_PACKAGES)


def engine_bytecode(pyodide_dir, wheel):
    """Rewrites our own wheel compiled by Pyodide's Python, before the lock records its sha256 (bytecode.py
    compile_wheel): the browser imports it as it is, from the zip, so it neither unpacks nor compiles the engine.
    Wheels from PyPI (segno) are published as they are: their hashes are pinned."""
    partial = wheel.with_name(wheel.name + ".partial")
    _run("node", str(Path(__file__).with_name("pyodide_bytecode.mjs")), str(pyodide_dir), str(wheel), str(partial),
         "wheel")
    shutil.copymode(wheel, partial)  # Node writes it world-writable
    partial.replace(wheel)


def keep_only(lock_file, names):
    """Rewrites a Pyodide lock file to list only these packages and what they depend on (its "info" kept)."""
    lock = json.loads(Path(lock_file).read_text(encoding="utf-8"))
    packages, kept, todo = lock["packages"], {}, list(names)
    while todo:
        name = todo.pop()
        if name in kept:
            continue
        if name not in packages:
            raise RuntimeError(f"{Path(lock_file).name} has no package {name!r}")
        kept[name] = packages[name]
        todo += packages[name].get("depends", [])
    lock["packages"] = dict(sorted(kept.items()))
    Path(lock_file).write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
