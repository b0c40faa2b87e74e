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
        parts.append(
            _plural(reps, "time", "times") if "hold_seconds" in dosage else _plural(reps, "repetition", "repetitions")
        )
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


# -- The numbers a dose is adjusted by: a clinician in the builder, or the guided session from pain ratings -------

ADJUSTABLE = ("hold_seconds", "duration_minutes", "reps", "sets")


def adjustable(dosage):
    """The adjustable part of a dosage: its numbers, and how often as per_day or per_week (e.g. {"reps": 10,
    "sets": 2, "per_week": 3}). Content ranges (`dose_range`), the builder's BOUNDS and the session log use it."""
    dose = {key: dosage[key] for key in ADJUSTABLE if key in dosage}
    dose[f"per_{dosage['frequency']['per']}"] = dosage["frequency"]["count"]
    return dose


def full(dosage, dose):
    """A whole dosage again: an exercise's own dosage with an adjusted dose put in (for the words and the timer)."""
    result = {k: v for k, v in dosage.items() if k not in ("frequency", "note")}
    result.update({k: v for k, v in dose.items() if not k.startswith("per_")})
    per = "day" if "per_day" in dose else "week"
    result["frequency"] = {"count": dose[f"per_{per}"], "per": per}
    return result


def amount(key, value):
    """One number of a dose in words, as a change names it: '12 reps', '15-second holds', 'twice a day'."""
    if key == "reps":
        return _plural(value, "rep", "reps")
    if key == "hold_seconds":
        return f"{value}-second holds"
    if key == "duration_minutes":
        return _plural(value, "minute", "minutes")
    if key == "sets":
        return _plural(value, "set", "sets")
    return frequency({"count": value, "per": key.removeprefix("per_")})
