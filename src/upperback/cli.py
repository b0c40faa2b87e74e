"""Command line: ``python -m upperback questions | assess FILE | check [CONTENT_DIR]``.

Bad input exits 2 with one plain message, never a traceback.
"""
import argparse
import json
import sys

from .errors import AnswerError


def _read_answers(source):
    try:
        text = sys.stdin.read() if source == "-" else open(source, encoding="utf-8").read()
    except OSError as exc:
        raise AnswerError(f"cannot read the answers file {source!r}: {exc.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswerError(f"the answers file is not valid JSON (line {exc.lineno}: {exc.msg})") from None


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m upperback", description="Upper Back Guide engine")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("questions", help="print every red flag and check-in as JSON")
    assess_cmd = sub.add_parser("assess", help="print the plan for an answers file (- for standard input)")
    assess_cmd.add_argument("file")
    check_cmd = sub.add_parser("check", help="validate the content folder; prints file: field: problem")
    check_cmd.add_argument("root", nargs="?", default=None)
    args = parser.parse_args(argv)

    if args.command == "check":
        from .validation import validate

        problems = validate(args.root)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    if args.command == "questions":
        from . import questions

        print(json.dumps(questions(), indent=2, ensure_ascii=False))
        return 0
    from . import assess

    try:
        plan = assess(_read_answers(args.file))
    except AnswerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(plan, indent=2, ensure_ascii=False))
    return 0
