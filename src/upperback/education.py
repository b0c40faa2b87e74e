"""The series "Understand your pain" (content/education): the pieces, their pages' views, and the one piece a
week's plan links (upperback.retailor). A piece is offered only beside the exercises, never on its own.
"""
from functools import lru_cache

from .content import load, read_records

WORDS_A_MINUTE = 150  # a slow, careful reader's pace: the pieces aim at 2 to 3 minutes each (issue 19)


@lru_cache(maxsize=4)
def pieces(root=None):
    """id -> record, in the series order."""
    found = [rec for _, rec in read_records(root, "education")]
    return {rec["id"]: rec for rec in sorted(found, key=lambda r: r["order"])}


def text(piece):
    """Everything a reader reads on the piece's page, as plain sentences (for the reading grade and the minutes)."""
    parts = [piece["title"], piece["summary"]]
    for section in piece["sections"]:
        parts.append(section["heading"])
        parts += section["paragraphs"]
    return " ".join(p if p.rstrip()[-1:] in ".?!:" else p + "." for p in parts)


def minutes(piece):
    return max(1, round(len(text(piece).split()) / WORDS_A_MINUTE))


def link(piece, why):
    return {"id": piece["id"], "title": piece["title"], "url": f"education/{piece['id']}/", "why": why,
            "minutes": minutes(piece)}


def pick(data, verdict, below_target, barrier, offered, root=None):
    """The piece for a week: data is content/retailoring.json's "education"; offered: ids linked in earlier weeks.
    barrier: the barrier record the person chose, or None."""
    series = pieces(root)
    if below_target and barrier and barrier["id"] in data["by_barrier"]:
        why = data["by_barrier_why"].format(barrier=barrier["label"].lower())
        return link(series[data["by_barrier"][barrier["id"]]], why)
    kinds = {verdict} | ({"missed"} if below_target else set())
    rule = next((r for r in data["by_week"] if r["when"] in kinds and not (r["once"] and r["piece"] in offered)), None)
    if rule:
        return link(series[rule["piece"]], rule["why"])
    unread = [p for p in series.values() if p["id"] not in offered] or list(series.values())
    return link(unread[0], data["otherwise"])


def page_view(piece_id, root=None):
    """What an education page shows: the piece, its evidence in words, its sources and the minutes to read it."""
    from .views import EVIDENCE_LABELS, _references

    piece, content = pieces(root)[piece_id], load(root)
    series = list(pieces(root).values())
    place = series.index(piece)
    return {**piece, "minutes": minutes(piece), "evidence_label": EVIDENCE_LABELS[piece["evidence"]["level"]],
            "references": _references(content, piece["evidence"]["references"]),
            "next": series[place + 1] if place + 1 < len(series) else None, "count": len(series), "place": place + 1}


def index_view(root=None):
    return [{**link(p, p["summary"]), "level": p["evidence"]["level"]} for p in pieces(root).values()]
