"""Run inside Pyodide by tools/trace_stdlib.mjs: the standard-library files the engine's real path loads.

The requests (one for each op of upperback.browser.OPS, made by hooks/pyodide_stdlib.py) run through the engine;
then every import statement of each engine and segno module now loaded, even one inside a function (a lazy
import), is imported as well, until no new module appears. The answer names each module Python then holds that
came from the standard-library archive, as a path inside it.
"""
import ast
import importlib
import importlib.util
import json
import sys
import zipimport

OURS = ("upperback", "segno")


def _imports(module):
    """The absolute module names that the import statements of a module's source name."""
    path = getattr(module, "__file__", None)
    if not path or not path.endswith(".py"):
        return []
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    package = module.__package__ or ""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package) if node.level \
                else node.module
            names.append(base)
            names += [f"{base}.{alias.name}" for alias in node.names]  # `from pkg import submodule`
    return names


def _import_lazy_ones():
    """Imports what our modules name anywhere in their source; returns the names no module here answers to (an
    optional package a module tries, such as segno's importlib_metadata)."""
    done, absent = set(), set()
    while True:
        todo = [m for name, m in list(sys.modules.items()) if name.split(".")[0] in OURS and name not in done]
        if not todo:
            return sorted(absent)
        for module in todo:
            done.add(module.__name__)
            for name in _imports(module):
                if name in sys.modules or name in absent:
                    continue
                parent, _, last = name.rpartition(".")
                if parent in sys.modules and hasattr(sys.modules[parent], last) \
                        and not isinstance(getattr(sys.modules[parent], last), type(sys)):
                    continue  # `from x import y` where y is a name in x, not a module
                try:
                    importlib.import_module(name)
                except ImportError:
                    absent.add(name)


def _archive_files():
    found = set()
    for module in list(sys.modules.values()):
        spec = getattr(module, "__spec__", None)
        if spec is None or not isinstance(spec.loader, zipimport.zipimporter) or not spec.origin:
            continue
        archive = spec.loader.archive
        if archive.endswith(".zip") and spec.origin.startswith(archive + "/"):
            found.add(spec.origin[len(archive) + 1:])
    return sorted(found)


def trace(requests_json):
    import segno  # noqa: F401  the start path: `import upperback.browser, segno`

    import upperback.browser

    failed = []
    for request in json.loads(requests_json):
        reply = json.loads(upperback.browser.handle(json.dumps(request)))
        if not reply["ok"]:
            failed.append({"op": request["op"], "reply": reply})
    absent = _import_lazy_ones()
    ours = sorted(name for name in sys.modules if name.split(".")[0] in OURS)
    return json.dumps({"files": _archive_files(), "failed": failed, "absent": absent, "ours": ours})
