"""MkDocs hook (mkdocs.yml hooks): after the pages, publish the self-hosted Pyodide, the engine wheel, its lock file
and the trimmed, precompiled standard library (pyodide_files.py), for the pages that start the engine."""
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `from hooks import ...` below, however mkdocs was started
    sys.path.insert(0, str(ROOT))


def on_post_build(config):
    from hooks import pyodide_files

    try:
        pyodide_files.publish(config["site_dir"])
    except RuntimeError as error:  # a missing tool or a failed step: say which, without a traceback
        raise PluginError(str(error)) from error
