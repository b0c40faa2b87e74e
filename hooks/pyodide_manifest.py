"""The Pyodide runtime that the build publishes, checked file by file against the pinned npm package.

`make pyodide-manifest` writes requirements/pyodide-runtime.json: the sha256 of every file in the pyodide tarball
that package-lock.json pins. It fetches that tarball with `npm pack` and first checks it against package-lock's
sha512 `integrity`. `npm ci` checks the tarball once, at install; nothing checks node_modules/pyodide after that,
so pyodide_files.publish() compares each runtime file with this manifest before it publishes or runs any of them.

Decision: the page does not check python_stdlib(.pyc).zip or pyodide.asm.wasm again before use (no Subresource
Integrity, no hash in JavaScript).
- It would stop nothing real. The files are same-origin: the expected hash would come from the same host, in the
  worker script, so whoever can change the wasm there can change the hash too. HTTPS covers the wire, and the site
  uses no CDN. The gap the review found (a changed file gets published) is closed here, at build time.
- It costs more than the hashing. Hashing is cheap (SHA-256 of the 9.6 MB wasm, measured: 7 ms in Node, 29 ms in
  Chromium, 56-71 ms with Chromium's CPU throttled 4-6x as a stand-in for a phone). But with `integrity`, fetch()
  resolves only once the whole body is in (measured in Chromium: 1.8 s instead of 6-56 ms for a 1 MB body sent
  over 1.8 s), so the wasm could no longer compile while it downloads; and Pyodide's loader fetches the wasm
  itself, so a check would mean patching files that are published unmodified.
- Issue 14's service worker keeps these files in a same-origin cache that only this site's scripts can write: the
  same trust as the server. When it fills that cache it may pass `integrity` so a cut-short download is not kept.
  That guards against accidents, not attacks; done on idle warm-up it stays off the start path.
- The engine's wheels are still checked in the page: Pyodide checks each one against its sha256 in the lock file.
"""
import base64
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "requirements" / "pyodide-runtime.json"
PACKAGE_LOCK = ROOT / "package-lock.json"
PACKAGE = "pyodide"
REINSTALL = "rm -rf node_modules && make install"


def _shown(path):
    path = Path(path)
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def pinned():
    """The version and sha512 integrity of the pyodide tarball, as package-lock.json records them."""
    entry = json.loads(PACKAGE_LOCK.read_text())["packages"][f"node_modules/{PACKAGE}"]
    return entry["version"], entry["integrity"]


def load():
    """The manifest, after checking that it was made from the package that package-lock.json pins now."""
    if not MANIFEST.exists():
        raise RuntimeError(f"{_shown(MANIFEST)} is missing: run `make pyodide-manifest`")
    manifest = json.loads(MANIFEST.read_text())
    version, integrity = pinned()
    if (manifest.get("version"), manifest.get("integrity")) != (version, integrity):
        raise RuntimeError(f"{_shown(MANIFEST)} is for {PACKAGE} {manifest.get('version')}, but package-lock.json "
                           f"pins {PACKAGE} {version}: run `make pyodide-manifest` and commit the result")
    return manifest


def checked_bytes(directory, names):
    """The named files of `directory`, read once and returned only if each one's sha256 is the pinned one, so the
    caller publishes exactly the bytes that were checked. Any difference raises one RuntimeError naming every file."""
    manifest = load()
    contents, problems = {}, []
    for name in names:
        path = Path(directory) / name
        expected = manifest["sha256"].get(name)
        if expected is None:
            problems.append(f"{name}: not a file of the pinned package")
            continue
        try:
            data = path.read_bytes()
        except OSError:
            problems.append(f"{name}: missing")
            continue
        actual = hashlib.sha256(data).hexdigest()
        if actual != expected:
            problems.append(f"{name}: sha256 is {actual}, the pinned package has {expected}")
        contents[name] = data
    if problems:
        raise RuntimeError(
            f"Refusing to publish Pyodide: files in {_shown(directory)} differ from {PACKAGE} {manifest['version']} "
            f"as pinned in package-lock.json (hashes in {_shown(MANIFEST)}); they were changed after `npm ci`.\n  "
            + "\n  ".join(problems) + f"\nReinstall the pinned files with `{REINSTALL}`.")
    return contents


def integrity_matches(data, integrity):
    """True when `data` has the Subresource-Integrity-style digest(s) npm records, e.g. "sha512-<base64>"."""
    digests = [entry.partition("-") for entry in integrity.split()]
    known = [(algorithm, digest) for algorithm, _, digest in digests if algorithm in ("sha256", "sha384", "sha512")]
    return bool(known) and all(
        base64.b64encode(hashlib.new(algorithm, data).digest()).decode() == digest for algorithm, digest in known)


def manifest_for(tarball, version, integrity):
    """The manifest of a package tarball (bytes) that must carry package-lock's integrity."""
    if not integrity_matches(tarball, integrity):
        raise RuntimeError(f"the {PACKAGE} {version} tarball from the registry does not match package-lock.json's "
                           f"integrity {integrity}; nothing was written")
    hashes = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive:
            if member.isfile():
                name = member.name.removeprefix("package/")
                hashes[name] = hashlib.sha256(archive.extractfile(member).read()).hexdigest()
    return {"comment": "Written by `make pyodide-manifest` (hooks/pyodide_manifest.py); do not edit by hand.",
            "package": PACKAGE, "version": version, "integrity": integrity, "sha256": dict(sorted(hashes.items()))}


def generate():
    """Fetch the pinned tarball with `npm pack`, check it, and write the manifest."""
    version, integrity = pinned()
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(["npm", "pack", f"{PACKAGE}@{version}", "--json", "--pack-destination", folder],
                                cwd=folder, capture_output=True, text=True)
        if result.returncode:
            raise RuntimeError(f"npm pack {PACKAGE}@{version} failed:\n{result.stderr[-2000:]}")
        tarballs = list(Path(folder).glob("*.tgz"))
        if len(tarballs) != 1:
            raise RuntimeError(f"npm pack {PACKAGE}@{version} left {len(tarballs)} tarballs, expected one")
        manifest = manifest_for(tarballs[0].read_bytes(), version, integrity)
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


if __name__ == "__main__":
    try:
        written = generate()
    except RuntimeError as error:
        sys.exit(str(error))
    print(f"{_shown(MANIFEST)}: {PACKAGE} {written['version']}, {len(written['sha256'])} files")
