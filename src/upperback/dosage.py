"""Turn a structured dosage into the words shown on pages and in plans."""


def _plural(n, one, many):
    return f"{n} {one if n == 1 else many}"


def describe(dosage):
    """One line, e.g. 'hold 30 seconds, 3 times, each side; once a day'."""
    parts = []
    if "duration_minutes" in dosage:
        parts.append(_plural(dosage["duration_minutes"], "minute", "minutes"))
    if "hold_seconds" in dosage:
        parts.append(f"hold {_plural(dosage['hold_seconds'], 'second', 'seconds')}")
    reps, sets = dosage.get("reps"), dosage.get("sets")
    if reps and sets:
        parts.append(f"{_plural(sets, 'set', 'sets')} of {reps}")
    elif reps:
        parts.append(_plural(reps, "time", "times") if "hold_seconds" in dosage else _plural(reps, "repetition", "repetitions"))
    elif sets:
        parts.append(_plural(sets, "set", "sets"))
    if dosage.get("rest_seconds"):
        parts.append(f"rest {dosage['rest_seconds']} s between")
    if dosage.get("per_side"):
        parts.append("each side")
    return f"{', '.join(parts)}; {frequency(dosage['frequency'])}" if parts else frequency(dosage["frequency"])


def frequency(freq):
    count, per = freq["count"], freq["per"]
    times = {1: "once", 2: "twice"}.get(count, f"{count} times")
    return f"{times} a {per}"
