"""The engine over the real content: safety rules for every red flag and every check-in outcome, plan shape,
ordering, share links, and clear errors for bad input."""
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upperback import AnswerError, assess, questions
from upperback.content import load
from upperback.plan import assess_link
from upperback.share import decode

CONTENT = load()
FLAGS = list(CONTENT.red_flags.values())
ASKED = [c["id"] for c in CONTENT.conditions.values() if c["asked_as"] == "question"]
NO_CONDITIONS = dict.fromkeys(ASKED, False)
OUTCOMES = [(c["id"], o) for c in CONTENT.checks.values() for o in c["outcomes"]]
DIAGNOSIS_WORDS = [
    "heart attack",
    "dissection",
    "embolism",
    "myelopathy",
    "cauda equina",
    "meningitis",
    "kyphosis",
    "fracture",
    "syndrome",
    "arthritis",
    "stroke",
]


def exercise_ids(plan):
    return [item["exercise"] for phase in plan["phases"] for item in phase["items"]]


@pytest.mark.parametrize("flag", FLAGS, ids=lambda f: f["id"])
def test_every_red_flag_applies_its_safety_rule(flag):
    plan = assess({"red_flags": {flag["id"]: True}, "pain": 4})
    assert plan["status"] == flag["level"]
    assert plan["advice"][0]["id"] == flag["id"] and plan["advice"][0]["action"] == flag["action"]
    if flag["level"] in ("emergency", "urgent"):
        assert plan["phases"] == [] and plan["next_checks"] == []
    else:  # see a doctor soon: only gentle exercise until then, the rest waits
        assert plan["phases"] and all(CONTENT.exercises[i]["load"] == "gentle" for i in exercise_ids(plan))


@pytest.mark.parametrize("check_id, outcome", OUTCOMES, ids=lambda x: x if isinstance(x, str) else x["id"])
def test_every_check_in_outcome_gives_its_suggestions_with_reasons(check_id, outcome):
    plan = assess({"red_flags": {}, "conditions": NO_CONDITIONS, "checks": {check_id: outcome["id"]}, "pain": 1})
    if "raises_flag" in outcome:
        items = {}
    else:  # a nerve symptom during a check-in raises "see a GP soon" (issue 10 item 2)
        assert plan["status"] == ("soon" if outcome.get("nerve_sign") else "ok")
        items = {item["exercise"]: item for phase in plan["phases"] for item in phase["items"]}
        items.update({item["exercise"]: item for item in plan["later"]})  # kept for later, with its reason
    for suggestion in outcome["suggests"]:
        assert suggestion["exercise"] in items
        assert suggestion["reason"] in items[suggestion["exercise"]]["reason"]
        assert outcome["label"] in items[suggestion["exercise"]]["reason"]
    if "raises_flag" in outcome:  # a result that is a warning sign wins over exercise, like the flag itself
        flag = CONTENT.red_flags[outcome["raises_flag"]]
        assert plan["status"] == flag["level"] and plan["advice"][0]["id"] == flag["id"]
        assert outcome["label"] in plan["advice"][0]["reason"]
        return
    if outcome.get("hurt"):  # nothing today works the region that hurt
        region = CONTENT.checks[check_id]["region"]
        loaded = [i for i in exercise_ids(plan) if CONTENT.exercises[i]["type"] not in ("general", "breathing")]
        assert all(CONTENT.exercise_region(CONTENT.exercises[i]) != region for i in loaded)
    elif not outcome["normal"] and not outcome["suggests"]:
        assert any(outcome["label"] in note for note in plan["notes"])
    assert check_id not in [c["id"] for c in plan["next_checks"]]


def test_emergency_wins_over_everything():
    answers = {"red_flags": {f["id"]: True for f in FLAGS}, "checks": {c: o["id"] for c, o in OUTCOMES}, "pain": 9}
    plan = assess(answers)
    assert plan["status"] == "emergency" and plan["phases"] == []
    assert {a["level"] for a in plan["advice"]} == {"emergency"}


def test_urgent_with_soon_lists_urgent_advice_first():
    urgent = next(f for f in FLAGS if f["level"] == "urgent")
    soon = next(f for f in FLAGS if f["level"] == "soon")
    plan = assess({"red_flags": {soon["id"]: True, urgent["id"]: True}})
    assert (
        plan["status"] == "urgent"
        and [a["level"] for a in plan["advice"]] == ["urgent", "soon"]
        and plan["phases"] == []
    )


def test_new_pain_from_fifty_leans_to_get_checked_first():
    plan = assess({"red_flags": {}, "age_band": "50-59", "pain_duration": "under-6-weeks", "pain": 3})
    assert plan["status"] == "soon" and plan["advice"][0]["id"] == "age-and-new-pain"
    assert all(CONTENT.exercises[i]["load"] == "gentle" for i in exercise_ids(plan))
    assert (
        assess({"red_flags": {}, "age_band": "50-plus", "pain_duration": "under-6-weeks"})["status"] == "soon"
    )  # old link
    assert assess({"red_flags": {}, "age_band": "50-59", "pain_duration": "over-12-weeks", "pain": 3})["status"] == "ok"


def test_no_findings_and_little_pain_still_gives_a_keep_it_up_plan():
    plan = assess(
        {
            "red_flags": {},
            "checks": {c["id"]: next(o["id"] for o in c["outcomes"] if o["normal"]) for c in CONTENT.checks.values()},
            "pain": 0,
        }
    )
    assert plan["status"] == "ok" and len(exercise_ids(plan)) >= 3 and plan["next_checks"] == []


def test_skipped_warning_signs_are_never_read_as_no():
    plan = assess({"checks": {"wall-test": "gap"}, "pain": 3})
    assert plan["status"] == "unanswered" and plan["phases"] == [] and plan["later"] == [] and plan["actions"] == []
    assert "No warning signs" not in plan["headline"] and "warning-sign questions first" in plan["headline"]


def test_no_warning_signs_and_nothing_else_lists_every_check_in_to_do_next():
    plan = assess({"red_flags": {}})
    assert [c["id"] for c in plan["next_checks"]] == list(CONTENT.checks)
    assert plan["phases"] and any("did not rate your pain" in n for n in plan["notes"])
    assert any("About-you" in n for n in plan["notes"])  # conditions unknown: said so, and cautioned items marked


def test_pain_adds_settle_techniques():
    def planned(plan):
        return exercise_ids(plan) + [item["exercise"] for item in plan["later"]]

    low, high = planned(assess({"red_flags": {}, "pain": 1})), planned(assess({"red_flags": {}, "pain": 7}))
    assert "ball-release-upper-trapezius" not in low and "ball-release-upper-trapezius" in high


def test_items_follow_phase_then_region_order_pelvis_up():
    plan = assess(
        {
            "red_flags": {},
            "checks": {c: o["id"] for c, o in OUTCOMES if not o["normal"] and o["suggests"] and "raises_flag" not in o},
            "pain": 6,
        }
    )
    assert plan["status"] == "ok"
    phase_order = CONTENT.phase_ids()
    assert [p["id"] for p in plan["phases"]] == sorted((p["id"] for p in plan["phases"]), key=phase_order.index)
    for phase in plan["phases"]:
        ranks = [CONTENT.region_rank(CONTENT.exercise_region(CONTENT.exercises[i["exercise"]])) for i in phase["items"]]
        assert ranks == sorted(ranks)
        assert all(CONTENT.exercises[i["exercise"]]["phase"] == phase["id"] for i in phase["items"])
        assert all(i["url"] == f"exercises/{i['exercise']}/" and i["dosage"] and i["reason"] for i in phase["items"])


def test_check_in_result_that_is_a_warning_sign_stops_exercise():
    plan = assess({"checks": {"neck-rotation-check": "dizzy-or-vision", "wall-test": "gap"}, "pain": 3})
    assert plan["status"] == "emergency" and plan["phases"] == []


def test_no_diagnosis_is_named_in_any_plan():
    answers = {"checks": {c: o["id"] for c, o in OUTCOMES if not o["normal"]}, "pain": 8}
    texts = [json.dumps(assess(answers)).lower()] + [
        json.dumps(assess({"red_flags": {f["id"]: True}})).lower() for f in FLAGS
    ]
    for text in texts:
        for word in DIAGNOSIS_WORDS:
            assert word not in text


@pytest.mark.parametrize(
    "answers, message",
    [
        ([], "answers must be a JSON object"),
        ({"colour": "red"}, "unknown answer 'colour'"),
        ({"red_flags": {"chest-ache": True}}, "unknown red flag 'chest-ache'"),
        ({"red_flags": {"chest-pain": "yes"}}, "red_flags.chest-pain must be true or false"),
        ({"red_flags": ["chest-pain"]}, "red_flags must be an object"),
        ({"checks": {"wall-test": "maybe"}}, "check-in 'wall-test' has no outcome 'maybe'; choose one of"),
        ({"checks": {"toe-touch": "yes"}}, "unknown check-in 'toe-touch'"),
        ({"pain": 11}, "pain must be a whole number from 0 to 10; got 11"),
        ({"conditions": {"bad-knees": True}}, "unknown condition 'bad-knees'"),
        ({"age_band": ["x"]}, "age_band must be one of"),
        ({"pain": 2.5}, "pain must be a whole number"),
        ({"pain": True}, "pain must be a whole number"),
        ({"age_band": "old"}, "age_band must be one of"),
    ],
)
def test_bad_answers_raise_one_clear_error(answers, message):
    with pytest.raises(AnswerError, match=message.replace("(", r"\(").replace(")", r"\)")):
        assess(answers)


@pytest.mark.parametrize(
    "fragment, message",
    [
        ("#b=abc", "not an assessment link"),
        ("#a=%%%not-base64", "damaged"),
        ("#a=" + "A" * 5000, "too long"),
        ("#a=eyJ2Ijo5fQ", "version"),  # {"v":9}
        ("#a=WyJ4Il0", "version"),  # ["x"]
    ],
)
def test_malformed_share_link_raises_clear_error(fragment, message):
    with pytest.raises(AnswerError, match=message):
        assess_link(fragment)


answer_strategy = st.fixed_dictionaries(
    {},
    optional={
        "red_flags": st.dictionaries(st.sampled_from([f["id"] for f in FLAGS]), st.booleans()),
        "checks": st.dictionaries(st.sampled_from(list(CONTENT.checks)), st.none()).flatmap(
            lambda picked: st.fixed_dictionaries(
                {c: st.sampled_from([o["id"] for o in CONTENT.checks[c]["outcomes"]]) for c in picked}
            )
        ),
        "conditions": st.dictionaries(st.sampled_from(ASKED), st.booleans()),
        "pain": st.integers(0, 10),
        "age_band": st.sampled_from(
            ["under-20", "20-39", "40-49", "50-59", "60-64", "65-69", "70-79", "80-plus", "20-49", "50-plus"]
        ),
        "pain_duration": st.sampled_from(["under-6-weeks", "6-12-weeks", "over-12-weeks"]),
    },
)


@settings(max_examples=300, deadline=None)
@given(answer_strategy)
def test_properties_of_every_plan(answers):
    plan = assess(answers)
    json.dumps(plan)  # JSON-serialisable
    levels = {CONTENT.red_flags[f]["level"] for f, v in answers.get("red_flags", {}).items() if v}
    levels |= {
        CONTENT.red_flags[o["raises_flag"]]["level"]
        for c, oid in answers.get("checks", {}).items()
        for o in CONTENT.checks[c]["outcomes"]
        if o["id"] == oid and "raises_flag" in o
    }
    said = {f for f, v in answers.get("red_flags", {}).items() if v}
    outcomes = [
        o for c, oid in answers.get("checks", {}).items() for o in CONTENT.checks[c]["outcomes"] if o["id"] == oid
    ]
    nerve = any(CONTENT.red_flags[f].get("nerve_sign") for f in said) or any(o.get("nerve_sign") for o in outcomes)
    if "past-cancer-new-spine-pain" in said and nerve:  # brief 1B, NICE MSCC: with nerve symptoms, an emergency
        levels.add("emergency")
    expected = next((lvl for lvl in ("emergency", "urgent", "soon") if lvl in levels), None)
    if expected in ("emergency", "urgent"):
        assert plan["status"] == expected
    elif "red_flags" not in answers:
        assert plan["status"] == "unanswered"  # skipped warning signs are never read as "no"
    elif expected:
        assert plan["status"] == expected
    if plan["status"] in ("emergency", "urgent", "unanswered"):
        assert plan["phases"] == [] and plan["later"] == []
    else:
        assert plan["phases"], "a plan is never empty"
    today = exercise_ids(plan)
    assert len(today) <= 8 and plan["minutes"] <= 20  # a plan for today, not a catalogue
    said = {f for f, v in answers.get("red_flags", {}).items() if v} | {
        c for c, v in answers.get("conditions", {}).items() if v
    }
    for exercise_id in today + [item["exercise"] for item in plan["later"]]:  # never against what the person told us
        against = [
            c for c in CONTENT.exercises[exercise_id]["avoid_if"] if c["when"] in said and c["action"] != "adapt"
        ]
        assert not against, (exercise_id, against)
    for exercise_id in today:  # one version of each exercise today
        versions = CONTENT.exercises[exercise_id]["variations"]
        assert not set(versions["easier"] + versions["harder"]) & set(today), exercise_id
    assert assess_link(plan["share"].split("#", 1)[1]) == plan  # the share link reproduces the plan
    assert assess(plan["answers"]) == plan  # the plan carries the answers it was made from
    assert assess(answers) == plan  # deterministic
    if plan["status"] == "emergency":
        assert plan["actions"] == []  # nothing to save, share or print: only the advice
    if plan["status"] in ("emergency", "urgent"):
        assert "save" not in plan["actions"]  # no exercise plan, so no check-ins to track yet


def test_share_link_holds_only_the_answers():
    plan = assess({"red_flags": {"chest-pain": False}, "pain": 3})
    assert decode(plan["share"].split("#")[1]) == {"red_flags": {}, "checks": {}, "pain": 3}


def run_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "upperback", *args], input=stdin, capture_output=True, text=True)


def test_cli_questions_lists_flags_and_check_ins():
    data = json.loads(run_cli("questions").stdout)
    assert data == questions()
    assert {f["id"] for f in data["red_flags"]} == set(CONTENT.red_flags)
    assert all({"id", "label", "normal"} == set(o) for c in data["checks"] for o in c["outcomes"])


def test_cli_assess_reads_a_file_and_stdin(tmp_path):
    answers = {"checks": {"wall-test": "gap"}, "pain": 4}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    assert json.loads(run_cli("assess", str(path)).stdout) == assess(answers)
    assert json.loads(run_cli("assess", "-", stdin=json.dumps(answers)).stdout) == assess(answers)


@pytest.mark.parametrize(
    "stdin, message", [('{"pain": 12}', "pain must be a whole number"), ("{not json", "not valid JSON")]
)
def test_cli_bad_input_exits_2_without_traceback(stdin, message):
    result = run_cli("assess", "-", stdin=stdin)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_cli_missing_file_exits_2():
    result = run_cli("assess", "/no/such/answers.json")
    assert result.returncode == 2 and "cannot read the answers file" in result.stderr
