"""Helpers shared by the tests (conftest modules only hold fixtures, so nothing imports them by name)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


def run_build(site_dir, env=None):
    """`mkdocs build --strict` into site_dir; returns the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
