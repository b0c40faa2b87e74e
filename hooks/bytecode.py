"""Compile every .py file of a zip archive (Pyodide's standard library) to a sourceless .pyc.

Pyodide's npm package ships its standard library as source only, so without this Python compiles ~190 modules on
every visit before it is ready. Bytecode must come from the same Python version as the interpreter that loads it,
and Pyodide's Python is newer than the build machine's, so this runs inside Pyodide (see pyodide_bytecode.mjs).
Same output as pyodide-build's `py-compile`: each .py becomes a .pyc; other files are kept as they are. The engine's
own wheel goes the same way (compile_wheel), so the browser neither unpacks nor compiles it on each visit.
"""
import base64
import hashlib
import py_compile
import tempfile
import zipfile
from pathlib import Path


def _compiled(archive_in):
    """(ZipInfo, bytes) for every file of the archive, each .py as its sourceless, hash-based .pyc."""
    with tempfile.TemporaryDirectory() as scratch:
        for info in archive_in.infolist():
            data = archive_in.read(info)
            if not info.filename.endswith(".py"):
                yield info, data
                continue
            py_file = Path(scratch, "module.py")
            py_file.write_bytes(data)
            # Hash-based, so the same source always gives the same bytes (no build-time timestamps in the site).
            pyc_file = py_compile.compile(str(py_file), cfile=str(py_file) + "c", dfile=info.filename, doraise=True,
                                          invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
            yield zipfile.ZipInfo(info.filename + "c", info.date_time), Path(pyc_file).read_bytes()


def compile_archive(source, target):
    with zipfile.ZipFile(source) as archive_in, zipfile.ZipFile(target, "w") as archive_out:
        for info, data in _compiled(archive_in):
            archive_out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def compile_wheel(source, target):
    """A pure-Python wheel with its modules compiled, its RECORD listing the files it now holds (the wheel format's
    name,sha256=...,size lines), and its files stored, not deflated: its content is mostly JSON, which the host's
    brotli compresses across files far better than deflate does one file at a time."""
    with zipfile.ZipFile(source) as archive_in, zipfile.ZipFile(target, "w") as archive_out:
        record = next(name for name in archive_in.namelist() if name.endswith(".dist-info/RECORD"))
        lines = []
        for info, data in _compiled(archive_in):
            if info.filename == record:
                continue
            archive_out.writestr(info, data, compress_type=zipfile.ZIP_STORED)
            lines.append(_record_line(info.filename, data))
        lines.append(f"{record},,")  # RECORD lists itself without a hash
        archive_out.writestr(zipfile.ZipInfo(record, archive_in.getinfo(record).date_time), "\n".join(lines) + "\n",
                             compress_type=zipfile.ZIP_STORED)
