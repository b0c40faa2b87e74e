"""Self-hosted Pyodide: copy the pinned npm package's files into the built site under a versioned path, build the
engine wheel there, and register it (with its sha256) in a lockfile with pyodide-build's `lockfile add-wheels`."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
ENGINE_LOCK = "upperback-lock.json"
# Pure-Python wheels the browser loads beside the engine (requirements/pyodide.txt, fetched by `make install`).
EXTRA_WHEELS = ROOT / ".venv" / "pyodide-wheels"


def version():
    return json.loads((NPM_PYODIDE / "package.json").read_text())["version"]


def site_path():
    """Where the files live, relative to the site root."""
    return f"pyodide/{version()}/"


def _run(*command):
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{result.stderr[-2000:]}")


def publish(site_dir):
    target = Path(site_dir) / site_path()
    target.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        shutil.copy2(NPM_PYODIDE / name, target / name)
    for old in target.glob("*.whl"):
        old.unlink()
    _run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(target), ".")
    extras = sorted(EXTRA_WHEELS.glob("*.whl"))
    if not extras:
        raise RuntimeError(f"no wheels in {EXTRA_WHEELS}: run `make install` (it downloads requirements/pyodide.txt)")
    for wheel in extras:
        shutil.copy2(wheel, target / wheel.name)
    pyodide_cli = Path(sys.executable).with_name("pyodide")
    _run(str(pyodide_cli), "lockfile", "add-wheels", "--input", str(NPM_PYODIDE / "pyodide-lock.json"),
         "--output", str(target / ENGINE_LOCK), "--base-path", str(target), *map(str, sorted(target.glob("*.whl"))))
