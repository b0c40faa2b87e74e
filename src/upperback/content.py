"""Load the structured content (exercises, check-ins, red flags, conditions, programme, session rules) into plain
dicts.

Loading trusts the records: ``upperback.validation`` checks them first at build and test time.
Standard library only, so the same code runs in Pyodide, where the content ships inside the wheel.
"""
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .levels import LEVELS

KINDS = ("exercises", "checks", "red-flags", "illustrations")
# The phases, in order (content/programme.json describes each; rule known-phases holds the two equal). The engine
# reads three by name: settle-pain techniques come first at high pain, maintain waits for low pain.
PHASES = ("settle", "move", "strengthen", "maintain")
SETTLE, MOVE, STRENGTHEN, MAINTAIN = PHASES


def default_root():
    """The content folder: $UPPERBACK_CONTENT if set (tests and authors), else the copy shipped in the wheel,
    else the repository's ``content/`` in a checkout.

    The browser imports the engine straight from its wheel (a zip on sys.path, not unpacked), so the shipped copy is
    reached through importlib.resources: a folder once installed, a place inside the zip in the browser."""
    if os.environ.get("UPPERBACK_CONTENT"):
        return Path(os.environ["UPPERBACK_CONTENT"])
    packaged = resources.files(__package__) / "content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "content"


def folder(root=None):
    """The content folder to read: ``root`` (a path, or a place inside the wheel) if given, else ``default_root()``."""
    return Path(root) if isinstance(root, str) else root or default_root()


@dataclass(frozen=True)
class Content:
    taxonomy: dict
    programme: dict
    references: dict
    exercises: dict  # id -> record, sorted by id
    checks: dict  # id -> record, in region order pelvis up, then by id
    red_flags: dict  # id -> record, emergency first, then urgent, then soon
    conditions: dict  # id -> record, About-you questions first, in the order asked
    illustrations: dict  # record id -> illustration record
    session: dict  # the guided session's rules (content/session.json)
    templates: dict  # the builder's starting programmes (content/templates.json)

    def region_rank(self, region):
        return self.programme["region_order"].index(region)

    def target(self, target_id):
        return self._targets()[target_id]

    def _targets(self):
        return {t["id"]: t for t in self.taxonomy["targets"]}

    def exercise_region(self, exercise):
        """An exercise's region is that of its first primary target (it orders advice pelvis up)."""
        return self.target(exercise["targets"]["primary"][0])["region"]

    def outcome(self, check_id, outcome_id):
        """The outcome record of a check-in (ids already checked by upperback.answers)."""
        return next(o for o in self.checks[check_id]["outcomes"] if o["id"] == outcome_id)

    def phase_ids(self):
        return [p["id"] for p in self.programme["phases"]]


def read_json(path):
    """A JSON file, from a path or from a place inside the wheel (see default_root)."""
    return json.loads((Path(path) if isinstance(path, str) else path).read_text(encoding="utf-8"))


def read_records(root, kind):
    """Every record of a kind as (path, parsed JSON), sorted by file name."""
    found = sorted((p for p in folder(root).joinpath(kind).iterdir() if p.name.endswith(".json")), key=lambda p: p.name)
    return [(path, read_json(path)) for path in found]


@lru_cache(maxsize=4)
def load(root=None):
    root = folder(root)
    programme = read_json(root / "programme.json")
    regions = programme["region_order"]
    checks = sorted(
        (rec for _, rec in read_records(root, "checks")), key=lambda c: (regions.index(c["region"]), c["id"])
    )
    flags = sorted(
        (rec for _, rec in read_records(root, "red-flags")), key=lambda f: (LEVELS.index(f["level"]), f["id"])
    )
    return Content(
        taxonomy=read_json(root / "taxonomy.json"),
        programme=programme,
        references=read_json(root / "references.json"),
        exercises={rec["id"]: rec for _, rec in read_records(root, "exercises")},
        checks={c["id"]: c for c in checks},
        red_flags={f["id"]: f for f in flags},
        conditions={c["id"]: c for c in read_json(root / "conditions.json")["conditions"]},
        illustrations={rec["id"]: rec for _, rec in read_records(root, "illustrations")},
        session=read_json(root / "session.json"),
        templates=read_json(root / "templates.json"),
    )
