"""Clinician programmes: a small list of techniques with dosages, a note and a first name, carried in a link.

State: {"items": [{"exercise": id, "dosage": {...}}], "note": str, "name": str, "adjust": true (optional: the
guided session may adjust the doses; off when absent), "clinician": str, "contact": str, "review": "YYYY-MM-DD"
(each optional, kept only when set, so links made before them read and re-encode as they were)}. A dosage holds only
the fields the clinician may adjust, each within BOUNDS. Links keep the state after '#p=' so nothing reaches a
server. Reading a link keeps whatever can be read and lists the rest as problems; a link that cannot be read at all
raises AnswerError.
"""

import datetime

from .content import load
from .dosage import adjustable, describe, full
from .errors import AnswerError
from .fragments import pack, unpack
from .session_links import guided, link

PATIENT_PAGE = "clinicians/patient/"
PREFIX = "p="
VERSION = 2  # 2: compressed (upperback.fragments); 1 is still read
READS = (1, 2)
# The longest programme these limits allow must still fit a QR code that prints clearly (tests/test_handout.py and
# the handout's print test): 6 techniques, a 280-character note, a 40-character name and a full clinician and
# contact line. The builder allows 6 (the handout fits 2 pages at 6); links made when it allowed 8 still open whole.
MAX_ITEMS = 6
READ_ITEMS = 8
MAX_NOTE = 280
MAX_NAME = 40
MAX_CLINICIAN = 60
MAX_CONTACT = 80
# The clinician's optional lines, in the order the handout shows them: state key -> (limit, label in messages).
TEXT_FIELDS = {"clinician": (MAX_CLINICIAN, "clinician or clinic"), "contact": (MAX_CONTACT, "contact line")}
REVIEW_FIELD = "review"
LOG_DAYS = 14  # the handout's log grid: a fortnight, one column a day
MAX_LINK = 6000
# The largest QR code that prints clearly, at QR_PRINT_MM wide on the handout. A phone reads a code by the size of
# its modules: 50 mm over version 24's 121 modules (quiet zone included) is 0.41 mm a module, no smaller than the
# 45 mm version-22 code that came before (0.40 mm). The print test decodes the longest programme the builder allows
# from a 96-dpi render of the printed PDF (tests/browser/test_programme_builder.py).
QR_MAX_VERSION = 24
QR_PRINT_MM = 50
# Sensible limits for a home programme; the content's own dosage always sits inside them.
BOUNDS = {
    "hold_seconds": (1, 120),
    "duration_minutes": (1, 60),
    "reps": (1, 30),
    "sets": (1, 5),
    "per_day": (1, 7),
    "per_week": (1, 7),
}
# The builder's dose fields: their labels, and each field's allowed range in words, from BOUNDS.
FIELD_LABELS = {
    "hold_seconds": "Hold (seconds)",
    "duration_minutes": "Minutes",
    "reps": "Repetitions",
    "sets": "Sets",
    "per_day": "Times a day",
    "per_week": "Times a week",
}
CHECKS_LOADING = "Checks are loading; the number is checked once they are ready."
ADDED = "{title} added: technique {count} of {most}."  # announced, with the numbers put in by the page
ALREADY_ADDED = "Added"
FULL = f"The programme is full: it holds at most {MAX_ITEMS} techniques. Remove one to add another."
FIX_DOSES = "Some doses are outside their range: fix the marked fields, then create the link."
TEMPLATE_LOADED = "{title} loaded: {count} techniques. Edit them as you need."


def field_range(key):
    low, high = BOUNDS[key]
    return f"{low} to {high}"


def field_views():
    """Each dose field's label and range, for the builder's page at build time."""
    return {key: {"label": label, "range": f"Allowed: {field_range(key)}"} for key, label in FIELD_LABELS.items()}


def check_dose(key, value):
    """{"ok", "value", "message"}: one dose field as typed (text or a number), checked against BOUNDS."""
    if not isinstance(key, str) or key not in BOUNDS:
        raise AnswerError(f"there is no dose field {str(key)[:40]!r}; the fields are {', '.join(BOUNDS)}")
    label, (low, high) = FIELD_LABELS[key], BOUNDS[key]
    text = value.strip() if isinstance(value, str) else value
    number = int(text) if isinstance(text, str) and text.isascii() and text.isdigit() else text
    if isinstance(number, bool) or not isinstance(number, int):
        return {"ok": False, "value": None, "message": f"{label} must be a whole number from {low} to {high}."}
    if not low <= number <= high:
        return {
            "ok": False,
            "value": None,
            "message": f"{label}: {number} is outside the allowed {low} to {high}; the link will not use it.",
        }
    return {"ok": True, "value": number, "message": ""}


def make(state, site=None):
    """The builder's "Create the link": the patient view of a programme with at least one technique, each once."""
    if not isinstance(state, dict) or not isinstance(state.get("items"), list) or not state["items"]:
        raise AnswerError("add at least one technique before making a link")
    ids = [item.get("exercise") if isinstance(item, dict) else None for item in state["items"]]
    twice = sorted({i for i in ids if isinstance(i, str) and ids.count(i) > 1})
    if twice:
        raise AnswerError(f"{', '.join(twice)} is in the programme more than once; remove the copy")
    if len(ids) > MAX_ITEMS:
        raise AnswerError(f"a programme holds at most {MAX_ITEMS} techniques; remove {len(ids) - MAX_ITEMS}")
    return patient_view(state, site=site)


# The builder's "let doses adjust" switch (off by default): the guided session (upperback.session) then moves each
# dose within the exercise's usual range from the patient's pain ratings; it never changes the exercise.
ADJUST_TEXT = {
    False: "Your clinician set these doses: the guided session keeps them as they are.",
    True: (
        "Your clinician let the guided session adjust these doses to your pain ratings, within each exercise's "
        "usual range."
    ),
}
SAFETY = [
    "Stop and call emergency services for chest pain or pressure, sudden breathlessness, fainting, or new weakness, "
    "numbness, or trouble speaking or swallowing.",
    "Some discomfort while exercising is normal; sharp or shooting pain is not: stop and tell your clinician.",
    "If your pain is worse the next morning, do less next time. Contact your clinician if things are not improving "
    "within 2 to 4 weeks, or get worse.",
]


def default_dosage(exercise):
    """The adjustable part of an exercise's dosage (upperback.dosage.adjustable)."""
    return adjustable(exercise["dosage"])


def _check_dosage(exercise, raw, where, problems):
    base = default_dosage(exercise)
    if raw is None:
        return base
    if not isinstance(raw, dict):
        problems.append(f"{where}: the dosage could not be read, so the usual dosage is shown")
        return base
    result = dict(base)
    for key, value in raw.items():
        low, high = BOUNDS.get(key, (None, None))
        allowed = key in base or (key.startswith("per_") and key in BOUNDS)
        if not allowed:
            problems.append(f"{where}: {key.replace('_', ' ')} does not apply to this technique and was left out")
        elif isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            usual = f"the usual {base[key]}" if key in base else "the usual dose"
            problems.append(
                f"{where}: {key.replace('_', ' ')} must be a whole number from {low} to {high}; {usual} is shown "
                f"instead"
            )
        else:
            if key.startswith("per_"):
                result.pop("per_day", None)
                result.pop("per_week", None)
            result[key] = value
    return result


def _text(value, limit, label, problems):
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"the {label} could not be read and was left out")
        return ""
    value = " ".join(value.split())
    if len(value) > limit:
        problems.append(f"the {label} was longer than {limit} characters and was cut short")
        value = value[:limit]
    return value


def _review(value, problems):
    """The review date as YYYY-MM-DD, or None (absent, empty, or unreadable with a message)."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    problems.append("the review date could not be read (it should be a date like 2027-01-15) and was left out")
    return None


def review_text(iso):
    """'Review with your clinician on Friday 15 January 2027', or '' without a date."""
    if not iso:
        return ""
    day = datetime.date.fromisoformat(iso)
    return f"Review with your clinician on {day:%A} {day.day} {day:%B %Y}"


def link_line(site):
    """The handout's short, human-readable link line: the patient-view page without its long fragment (the QR code
    carries the whole link). site: the site's address as the page sees it; anything unreadable gives the generic
    line."""
    where = ""
    if isinstance(site, str) and len(site) <= 200 and site.startswith(("http://", "https://")):
        where = site.split("://", 1)[1].rstrip("/") + "/" + PATIENT_PAGE
    return (
        "Scan the QR code to open this programme on your phone"
        + (f" (it opens {where})" if where else "")
        + ". Your clinician can also send you the link."
    )


def check_state(state, root=None):
    """(state with every readable part, problems). Raises AnswerError only when nothing is a programme."""
    content = load(root)
    if not isinstance(state, dict):
        raise AnswerError("this programme link does not hold a programme; ask your clinician for the link again")
    problems, items = [], []
    raw_items = state.get("items", [])
    if not isinstance(raw_items, list):
        raise AnswerError("this programme link has no list of techniques; ask your clinician for the link again")
    for i, raw in enumerate(raw_items[:READ_ITEMS]):
        where = f"technique {i + 1}"
        exercise_id = raw.get("exercise") if isinstance(raw, dict) else None
        if not isinstance(exercise_id, str) or exercise_id not in content.exercises:
            problems.append(f"{where}: unknown technique {str(exercise_id)[:60]!r} was left out")
            continue
        items.append(
            {
                "exercise": exercise_id,
                "dosage": _check_dosage(content.exercises[exercise_id], raw.get("dosage"), where, problems),
            }
        )
    if len(raw_items) > READ_ITEMS:
        problems.append(f"only the first {READ_ITEMS} techniques are kept")
    clean = {
        "items": items,
        "note": _text(state.get("note"), MAX_NOTE, "note", problems),
        "name": _text(state.get("name"), MAX_NAME, "name", problems),
    }
    for key, (limit, label) in TEXT_FIELDS.items():
        value = _text(state.get(key), limit, label, problems)
        if value:
            clean[key] = value
    review = _review(state.get(REVIEW_FIELD), problems)
    if review:
        clean[REVIEW_FIELD] = review
    adjust = state.get("adjust", False)
    if not isinstance(adjust, bool):
        problems.append("the setting that lets doses adjust could not be read, so the doses stay as they are")
    elif adjust:
        clean["adjust"] = True  # kept only when on: links made before the switch stay the same
    return clean, problems


def encode(state):
    return pack(PATIENT_PAGE, PREFIX, VERSION, state)


def decode(fragment):
    return unpack(
        fragment, PREFIX, READS, MAX_LINK, "a programme link", "programme link", "ask your clinician for the link again"
    )


def patient_view(state, root=None, site=None):
    """Everything the patient view and the printed handout show, with the link that reopens it. site: the site's
    address as the page sees it, for the handout's short link line."""
    content = load(root)
    clean, problems = check_state(state, root)
    items = []
    for item in clean["items"]:
        ex = content.exercises[item["exercise"]]
        items.append(
            {
                "exercise": ex["id"],
                "title": ex["title"],
                "url": f"exercises/{ex['id']}/",
                "summary": ex["summary"],
                "steps": ex["steps"],
                "dosage": describe(full(ex["dosage"], item["dosage"])),
                "feel": ex["feel"],
                "stop_if": ex["stop_if"],
            }
        )
    share = encode(clean)
    guided_items = any(guided(content, item["exercise"]) for item in clean["items"])
    return {
        "name": clean["name"],
        "note": clean["note"],
        "items": items,
        "problems": problems,
        "safety": SAFETY,
        "state": clean,
        "share": share,
        "adjust": ADJUST_TEXT[bool(clean.get("adjust"))],
        "session": link(share) if guided_items else None,
        "clinician": clean.get("clinician", ""),
        "contact": clean.get("contact", ""),
        "review": review_text(clean.get(REVIEW_FIELD)),
        "link_line": link_line(site),
    }


def open_link(fragment, root=None, site=None):
    return patient_view(decode(fragment), root, site)


def catalogue(root=None):
    """What the builder offers: each technique's adjustable dosage and the limits for every field."""
    content = load(root)
    return {
        "bounds": BOUNDS,
        "limits": {
            "items": MAX_ITEMS,
            "read_items": READ_ITEMS,
            "link": MAX_LINK,
            "note": MAX_NOTE,
            "name": MAX_NAME,
            "clinician": MAX_CLINICIAN,
            "contact": MAX_CONTACT,
            "qr_print_mm": QR_PRINT_MM,
        },
        "exercises": {i: {"title": e["title"], "dosage": default_dosage(e)} for i, e in content.exercises.items()},
        "fields": field_views(),
        "text": {
            "added": ADDED,
            "already": ALREADY_ADDED,
            "loading": CHECKS_LOADING,
            "full": FULL,
            "fix": FIX_DOSES,
            "template": TEMPLATE_LOADED,
        },
        "templates_note": content.templates["note"],
        "templates": templates(content),
    }


def templates(content):
    """The starting programmes (content/templates.json), each item with its full dose for the builder."""
    out = []
    for template in content.templates["templates"]:
        items = [
            {
                "exercise": item["exercise"],
                "dosage": {**default_dosage(content.exercises[item["exercise"]]), **item.get("dosage", {})},
            }
            for item in template["items"]
        ]
        out.append(
            {"id": template["id"], "title": template["title"], "description": template["description"], "items": items}
        )
    return out


def qr_matrix(text):
    """The QR code of a link as rows of 0/1 (segno, shipped to Pyodide through the same lockfile as the engine).
    A link too long to print clearly is refused in words, never cut: a cut link opens the wrong programme."""
    import segno

    if not isinstance(text, str) or not text:
        raise AnswerError("a QR code needs the link as text")
    too_long = (
        f"this link is {len(text)} characters long, too long for a QR code that prints clearly; "
        "remove a technique or shorten the note, or hand over the link itself"
    )
    try:
        code = segno.make(text, error="m", micro=False)
    except segno.DataOverflowError:
        raise AnswerError(too_long) from None
    if code.version > QR_MAX_VERSION:
        raise AnswerError(too_long)
    return [[1 if cell else 0 for cell in row] for row in code.matrix]
