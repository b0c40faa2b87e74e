"""Compile every .py file of a zip archive (Pyodide's standard library) to a sourceless .pyc.

Pyodide's npm package ships its standard library as source only, so without this Python compiles ~190 modules on
every visit before it is ready. Bytecode must come from the same Python version as the interpreter that loads it,
and Pyodide's Python is newer than the build machine's, so this runs inside Pyodide (see pyodide_bytecode.mjs).
Same output as pyodide-build's `py-compile`: each .py becomes a .pyc; other files are kept as they are.
"""
import py_compile
import tempfile
import zipfile
from pathlib import Path


def compile_archive(source, target):
    with zipfile.ZipFile(source) as archive_in, zipfile.ZipFile(target, "w") as archive_out, \
            tempfile.TemporaryDirectory() as scratch:
        for info in archive_in.infolist():
            data = archive_in.read(info)
            if not info.filename.endswith(".py"):
                archive_out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
                continue
            py_file = Path(scratch, "module.py")
            py_file.write_bytes(data)
            # Hash-based, so the same source always gives the same bytes (no build-time timestamps in the site).
            pyc_file = py_compile.compile(str(py_file), cfile=str(py_file) + "c", dfile=info.filename, doraise=True,
                                          invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
            archive_out.writestr(zipfile.ZipInfo(info.filename + "c", info.date_time), Path(pyc_file).read_bytes(),
                                 compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
