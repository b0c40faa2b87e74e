"""The clinicians' page on measures (/clinicians/measures/): each measure the site asks, its licence status, its
change thresholds with their values and sources (upperback.progress.THRESHOLDS, the one owner), the licensed
measures left out and why, and the weekly re-tailoring rules as a table (content/retailoring.json)."""

from .content import folder, load, read_json
from .progress import THRESHOLDS
from .retailor import rules

LICENCES = {"free": "Free: no owner or licence", "own-wording": "The site's own wording, without the form or its name"}


def _refs(content, ids):
    return [{"id": ref, **content.references[ref]} for ref in ids]


def view(root=None):
    content, data = load(root), read_json(folder(root) / "outcome-measures.json")
    retailoring = rules(root)
    used = [{**m, "licence_label": LICENCES[m["licence"]],
             "thresholds": [{"id": t, **THRESHOLDS[t]} for t in m["thresholds"]],
             "sources": _refs(content, m["references"])} for m in data["used"]]
    left_out = [{**m, "sources": _refs(content, m["references"])} for m in data["left_out"]]
    table = [{**r, "thresholds": [{"id": t, **THRESHOLDS[t]} for t in r["thresholds"]],
              "sources": _refs(content, r["references"])} for r in retailoring["rules"]]
    cited = sorted({ref for group in (used, left_out, table) for m in group for ref in m["references"]},
                   key=lambda r: int(r[1:]))
    return {"summary": data["summary"], "used": used, "left_out": left_out, "rules": table,
            "rules_summary": retailoring["summary"], "compare": retailoring["compare"],
            "gp_advice": retailoring["gp_advice"], "barriers": retailoring["barriers"],
            "references": _refs(content, cited)}
