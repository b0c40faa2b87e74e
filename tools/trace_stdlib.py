"""Retrace the standard-library files the browser needs and rewrite requirements/pyodide-stdlib.txt.

Run it after the engine or segno gains an import, or after a Pyodide update (tests/test_pyodide_stdlib.py says so):
    .venv/bin/python tools/trace_stdlib.py [SITE_DIR]
SITE_DIR is a built site (its Pyodide folder holds the engine's wheels and lock file); without it, the site is built
into a temporary folder first.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from hooks import pyodide_files, pyodide_stdlib  # noqa: E402


def main(site_dir):
    result = pyodide_stdlib.trace(Path(site_dir) / pyodide_files.site_path(),
                                  pyodide_files.NPM_PYODIDE / "python_stdlib.zip")
    if result["failed"]:
        sys.exit(f"requests failed in Pyodide, so the trace would miss their paths: {result['failed']}")
    pyodide_stdlib.LIST.write_text(pyodide_stdlib.HEADER + "\n".join(result["files"]) + "\n", encoding="utf-8")
    print(f"{pyodide_stdlib.LIST.relative_to(ROOT)}: {len(result['files'])} files; "
          f"not found (optional imports): {', '.join(result['absent']) or 'none'}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory() as scratch:
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", scratch],
                           cwd=ROOT, check=True, env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true"})
            main(scratch)
