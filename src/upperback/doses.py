"""The next dose of one exercise, from what the session log holds for it: the rules of content/session.json, with
the reason for every change in words.

A slot is one item of a person's list (an exercise of their plan or of their clinician's programme). Its history
is what the person did for it, oldest first, skipped sessions left out: [{"exercise", "dose", "outcome", "pain",
"date", "stop_reason"}]. A dose is the adjustable form of a dosage (upperback.dosage.adjustable), and each exercise's
`dose_range` bounds it. The first rule that applies decides:

1. a fixed programme keeps its clinician's dose, always (a high rating is pointed out, never acted on);
2. no history: the starting dose;
3. the last exercise done is another version that no longer passes the caution filter: back to the slot's own;
4. the last session above the acceptable zone, a worse next morning, or a stop after which advice was had: a step
   down (the numbers in `lower_order`, each by its step, within the range), then the easier version;
5. the last `step_up_after` sessions at this exercise and dose all done, in the safe zone, with no worse morning:
   a step up (the numbers in `raise_order`, within the range), then the harder version;
6. otherwise the same dose, saying what a step up still needs.

A step to another exercise happens only when ``blocks`` (the plan's caution filter, upperback.plan.Cautions) lets
it through; without ``blocks`` (a clinician's programme, whose conditions are unknown) only the numbers change.
"""
from .dosage import adjustable, amount


def _zones(rules):
    zones = {z["id"]: z for z in rules["pain_scale"]["zones"]}
    return zones[rules["step_up_zone"]], zones[rules["step_down_above_zone"]]


def _span(zone):
    return f"{zone['min']}-{zone['max']}/10"


def _clamp(value, bounds):
    return max(bounds["min"], min(bounds["max"], value))


def within(dose, ranges):
    """The dose with every number inside its range."""
    return {key: _clamp(value, ranges[key]) if key in ranges else value for key, value in dose.items()}


class _Slot:
    def __init__(self, content, slot, start, history, mornings, blocks, fixed):
        self.content, self.rules = content, content.session
        self.slot, self.start, self.history, self.mornings = slot, start, history, mornings
        self.blocks, self.fixed = blocks, fixed
        self.safe, self.acceptable = _zones(self.rules)

    def title(self, exercise_id):
        return self.content.exercises[exercise_id]["title"]

    def ranges(self, exercise_id):
        return self.content.exercises[exercise_id]["dose_range"]

    def worse(self, record):
        return self.mornings.get(record["date"]) == "worse"

    def result(self, exercise, dose, change, reason):
        return {"exercise": exercise, "dose": dose, "change": change, "reason": reason}

    def decide(self):
        if self.fixed:
            return self.result(self.slot, self.start, "fixed", "Your clinician set this dose." + self._fixed_note())
        if not self.history:
            return self.result(self.slot, self.start, "start", "The starting dose.")
        last = self.history[-1]
        exercise, dose = last["exercise"], last["dose"]
        if exercise != self.slot:
            why = self.blocks(exercise) if self.blocks else "Your clinician's programme keeps its own exercises."
            if why:
                return self.result(self.slot, self.start, "back", f"Back to {self.title(self.slot).lower()}: "
                                   f"{self.title(exercise).lower()} no longer suits your answers. {why}")
        if self.blocks is not None:  # a plan's dose stays in its range; a clinician's may start outside it
            dose = within(dose, self.ranges(exercise))
        cause = self._cause(last)
        if cause:
            return self._down(exercise, dose, cause)
        run = self._run(exercise, dose)[-self.rules["step_up_after"]:]
        if len(run) == self.rules["step_up_after"] and all(self._counts_up(r) for r in run):
            return self._up(exercise, dose)
        return self.result(exercise, dose, "same", self._same(last, exercise, dose))

    # -- what the history says ------------------------------------------------------------------------------------
    def _fixed_note(self):
        if not self.history:
            return ""
        last = self.history[-1]
        cause = self._cause(last, cleared_stop=False)
        return f" {cause[0].upper()}{cause[1:]}: tell your clinician before you go on with it." if cause else ""

    def _cause(self, last, cleared_stop=True):
        too_much = last["pain"] is not None and last["pain"] > self.acceptable["max"]
        worse = self.worse(last)
        if too_much and worse:
            return f"your last session was {last['pain']}/10 and the next morning was worse"
        if too_much:
            return f"your last session was {last['pain']}/10, and above {self.acceptable['max']} is too much"
        if worse:
            return "you said the morning after your last session was worse"
        if cleared_stop and last["outcome"] == "stopped" and last.get("stop_reason"):
            return "you stopped it last time and have had advice since"
        return None

    def _run(self, exercise, dose):
        """The latest records at this exercise and dose, in a row."""
        run = []
        for record in reversed(self.history):
            if record["exercise"] != exercise or record["dose"] != dose:
                break
            run.insert(0, record)
        return run

    def _counts_up(self, record):
        pain = record["pain"]
        return record["outcome"] == "done" and pain is not None and pain <= self.safe["max"] and not self.worse(record)

    def _same(self, last, exercise, dose):
        needed = self.rules["step_up_after"]
        goal = f"{needed} sessions in a row at {_span(self.safe)} with no worse mornings"
        if last["pain"] is None:
            return f"Same dose: your last session has no pain rating. It goes up after {goal}."
        if last["outcome"] != "done":
            return f"Same dose: you stopped it early last time. It goes up after {goal}."
        if last["pain"] > self.safe["max"]:
            return f"Same dose: your last session was {last['pain']}/10, acceptable. It goes up after {goal}."
        streak = 0
        for record in reversed(self._run(exercise, dose)):
            if not self._counts_up(record):
                break
            streak += 1
        sessions = f"{streak} session{'' if streak == 1 else 's'}"
        return (f"Same dose: {sessions} so far at {_span(self.safe)} with no worse morning; it goes up after "
                f"{needed} in a row.")

    # -- steps ----------------------------------------------------------------------------------------------------
    def _up(self, exercise, dose):
        ranges, steps = self.ranges(exercise), self.rules["steps"]
        why = f"your last {self.rules['step_up_after']} sessions were {_span(self.safe)} with no worse mornings"
        for key in self.rules["raise_order"]:
            if key in dose and key in ranges and dose[key] < ranges[key]["max"]:
                new = {**dose, key: _clamp(dose[key] + steps[key], ranges[key])}
                return self.result(exercise, new, "up", f"Up to {amount(key, new[key])}: {why}.")
        harder = self.content.exercises[exercise]["variations"]["harder"]
        if self.blocks is None:
            return self.result(exercise, dose, "top", f"Same dose: this is the top of its usual range, and {why}.")
        not_offered = []
        for other in harder:
            reason = self.blocks(other)
            if reason is None:
                start = {key: rng["min"] for key, rng in self.ranges(other).items()}
                return self.result(other, start, "harder", f"On to the harder version, {self.title(other).lower()}, "
                                   f"at its smallest dose: {self.title(exercise).lower()} is at the top of its range, "
                                   f"and {why}.")
            not_offered.append(f"The harder version, {self.title(other).lower()}, is not offered. {reason}")
        tail = " ".join(not_offered) or "It has no harder version: keep it up."
        return self.result(exercise, dose, "top", f"Same dose: this is the top of its range, and {why}. {tail}")

    def _down(self, exercise, dose, cause):
        ranges, steps = self.ranges(exercise), self.rules["steps"]
        for key in self.rules["lower_order"]:
            if key in dose and key in ranges and dose[key] > ranges[key]["min"]:
                new = {**dose, key: _clamp(dose[key] - steps[key], ranges[key])}
                return self.result(exercise, new, "down", f"Down to {amount(key, new[key])}: {cause}.")
        for other in self.content.exercises[exercise]["variations"]["easier"] if self.blocks else ():
            if self.blocks(other) is None:
                start = within(adjustable(self.content.exercises[other]["dosage"]), self.ranges(other))
                return self.result(other, start, "easier", f"Now the easier version, {self.title(other).lower()}: "
                                   f"{cause}, and {self.title(exercise).lower()} was already at its smallest dose.")
        return self.result(exercise, dose, "bottom", f"Same dose, the smallest: {cause}. If it keeps going above "
                           f"{self.acceptable['max']}/10, or mornings are worse, stop this one and ask a GP or "
                           "physiotherapist.")


def next_dose(content, slot, start, history, mornings, blocks=None, fixed=False):
    """{"exercise", "dose", "change", "reason"} for the next session of one slot.

    slot: the exercise id of the list's item; start: its starting dose (the content's, or the clinician's);
    history: the slot's records, oldest first, skipped ones left out; mornings: {date: "worse" | "not-worse"};
    blocks: exercise id -> why the person may not move to it (None: free to); None for a clinician's programme;
    fixed: a clinician's programme whose doses do not adjust.
    change: fixed, start, back, up, harder, top, down, easier, bottom or same."""
    return _Slot(content, slot, start, history, mornings, blocks, fixed).decide()
