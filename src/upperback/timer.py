"""The hold timer's script: a dosage turned into the list of timed steps the page's timer plays.

Python decides the sequence at build time (get ready, each hold, rests, side switches, sets); the page's small
script only counts down each step against the clock, so it stays right when the tab is in the background.
"""
GET_READY = 10  # the default time to get into position (against a wall or on the floor takes a while)
GET_READY_CHOICES = (5, 10, 15)  # the person picks one on either timer; the storage module remembers it
SWITCH_SIDES = 5
REST_BETWEEN_REPS = 5
REST_BETWEEN_SETS = 30


def has_timer(dosage):
    return "hold_seconds" in dosage or "duration_minutes" in dosage


def ready_step(seconds=GET_READY):
    """The first step of every timer: time to get into position."""
    return {"kind": "ready", "seconds": seconds, "label": "Get ready"}


def ready_choices():
    """The get-ready times a person may pick, for the pages' choice: [{"seconds", "label", "default"}]."""
    return [{"seconds": s, "label": f"{s} seconds", "default": s == GET_READY} for s in GET_READY_CHOICES]


def kept_choice(text):
    """The get-ready seconds the storage module keeps (as text), or GET_READY when none is kept or it is not a
    choice."""
    return int(text) if isinstance(text, str) and text in {str(s) for s in GET_READY_CHOICES} else GET_READY


def options_part(data):
    """An export file's timer options ({"get_ready": seconds}) as the text the storage module keeps; None for none.
    Anything else raises ValueError in words."""
    if data is None:
        return None
    if (
        not isinstance(data, dict)
        or set(data) != {"get_ready"}
        or data["get_ready"] not in GET_READY_CHOICES
        or isinstance(data["get_ready"], bool)
    ):
        choices = ", ".join(str(s) for s in GET_READY_CHOICES)
        raise ValueError(f'the file\'s timer options must be {{"get_ready": {choices.replace(", ", " or ")}}}')
    return str(data["get_ready"])


def steps(dosage):
    """[{"kind": "ready"|"hold"|"rest"|"switch", "seconds": n, "label": text}] for one session; the first step is
    ready_step() at GET_READY, which the page swaps for the person's choice (ready_step of each GET_READY_CHOICES)."""
    if "duration_minutes" in dosage and "hold_seconds" not in dosage:
        return [
            ready_step(),
            {
                "kind": "hold",
                "seconds": dosage["duration_minutes"] * 60,
                "label": f"{dosage['duration_minutes']} minutes",
            },
        ]
    return _repeated(dosage, "hold", dosage["hold_seconds"], "Hold", dosage.get("rest_seconds") or REST_BETWEEN_REPS)


def guided_steps(dosage):
    """The guided session's timer for any dosage: holds and minutes as ``steps``; repetitions without a hold at a
    slow pace (SECONDS_PER_REP), each one a counted step ("rep"), with the same side switches and set rests."""
    if has_timer(dosage):
        return steps(dosage)
    return _repeated(dosage, "rep", SECONDS_PER_REP, "Repetition", None)


def _repeated(dosage, kind, seconds, noun, rest):
    """Get ready, then each repetition of each side of each set; `rest` seconds between repetitions (None: none)."""
    reps, sets = dosage.get("reps", 1), dosage.get("sets", 1)
    sides = ["left side", "right side"] if dosage.get("per_side") else [None]
    result = [ready_step()]
    for set_number in range(1, sets + 1):
        for side_index, side in enumerate(sides):
            for rep in range(1, reps + 1):
                where = ", ".join(filter(None, [f"set {set_number} of {sets}" if sets > 1 else None, side]))
                label = f"{noun} {rep} of {reps}" + (f", {where}" if where else "")
                result.append({"kind": kind, "seconds": seconds, "label": label})
                if rest and rep < reps:
                    result.append({"kind": "rest", "seconds": rest, "label": "Relax"})
            if side_index < len(sides) - 1:
                result.append({"kind": "switch", "seconds": SWITCH_SIDES, "label": "Switch sides"})
        if set_number < sets:
            result.append(
                {
                    "kind": "rest",
                    "seconds": dosage.get("rest_seconds") or REST_BETWEEN_SETS,
                    "label": "Rest before the next set",
                }
            )
    return result


SECONDS_PER_REP = 4  # a slow repetition without a hold: up and down with control


def session_seconds(dosage):
    """How long one session of an exercise takes: the sum of its guided timer steps."""
    return sum(step["seconds"] for step in guided_steps(dosage))


def daily_minutes(dosage):
    """Minutes a day: sessions a day times one session (an exercise done some days a week counts once)."""
    frequency = dosage["frequency"]
    per_day = frequency["count"] if frequency["per"] == "day" else 1
    return session_seconds(dosage) * per_day / 60
