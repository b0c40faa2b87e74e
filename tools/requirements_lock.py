"""Checks that the hashed pip locks agree with the hand-written requirement files. Standard library only.

requirements/constraints.txt is the one list of versions. The locks (requirements/*.lock.txt) are written by
`make lock` (pip-compile --generate-hashes over site.txt, test.txt and pip-tools.txt, constrained by
constraints.txt) and only add the hashes. `make install` runs this first, so a package added to a requirement file
without `make lock` stops the install with its name, instead of being left out by `pip install --require-hashes`.

    python tools/requirements_lock.py      # prints each problem and exits 1, or prints nothing
"""
import re
import sys
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements"
CONSTRAINTS = "constraints.txt"
# Each hand-written input and the lock that `make lock` writes from it.
LOCKS = {"site.txt": "site.lock.txt", "test.txt": "test.lock.txt", "pip-tools.txt": "pip-tools.lock.txt"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)$")
HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")
FIX = ("Pin every package, transitive ones too, in requirements/constraints.txt; then run `make lock` (it asks PyPI)"
       " and commit requirements/*.lock.txt.")


def canonical(name):
    """A package name as pip compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def entries(path, follow=True):
    """[(name, version, hash count, where)] for each requirement of a file, -r files included when `follow`."""
    text = re.sub(r"\\\n", " ", path.read_text())  # one logical line per requirement
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        words = re.sub(r"(^|\s)#.*", "", line).split()
        if not words:
            continue
        if words[0] in ("-r", "--requirement"):
            if follow:
                found += entries(path.parent / words[1])
            continue
        if words[0] in ("-c", "--constraint"):
            continue
        match = PIN.match(words[0])
        hashes = [word for word in words[1:] if HASH.match(word)]
        where = f"requirements/{path.name}:{number}"
        if match is None or len(hashes) != len(words) - 1:
            found.append((None, words[0], 0, where))
        else:
            found.append((match[1], match[2], len(hashes), where))
    return found


def problems(folder=REQUIREMENTS):
    """Every way the locks and the requirement files disagree, one line each; [] when they agree."""
    folder = Path(folder)
    found, versions = [], {}
    for name, version, _, where in entries(folder / CONSTRAINTS):
        if name is None:
            found.append(f"{where}: {version}: constraints must be exact pins (name==version)")
        else:
            versions[canonical(name)] = version
    locked = set()
    for source, lock in LOCKS.items():
        if not (folder / lock).exists():
            found.append(f"requirements/{lock} is missing")
            continue
        in_lock = {}
        for name, version, hashes, where in entries(folder / lock, follow=False):
            if name is None:
                found.append(f"{where}: {version}: a lock holds only name==version lines with sha256 hashes")
                continue
            in_lock[canonical(name)] = version
            if not hashes:
                found.append(f"{where}: {name}=={version} has no hash")
            if versions.get(canonical(name)) != version:
                found.append(f"{where}: {name}=={version}, but requirements/{CONSTRAINTS} has "
                             f"{versions.get(canonical(name), 'no pin')}")
        locked |= set(in_lock)
        for name, version, _, where in entries(folder / source):
            if name is None:
                found.append(f"{where}: {version}: requirements are exact pins (name==version)")
            elif versions.get(canonical(name)) != version:
                found.append(f"{where}: {name}=={version}, but requirements/{CONSTRAINTS} has "
                             f"{versions.get(canonical(name), 'no pin')}")
            elif in_lock.get(canonical(name)) != version:
                found.append(f"{where}: {name}=={version} is not in requirements/{lock}")
    for name in sorted(set(versions) - locked):
        found.append(f"requirements/{CONSTRAINTS}: {name}=={versions[name]} is in no lock (make lock adds it, "
                     "or remove it if nothing needs it)")
    return found


def main():
    found = problems()
    if found:
        print("The pip locks do not match the requirement files:\n  " + "\n  ".join(found) + "\n" + FIX,
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
