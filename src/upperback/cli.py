"""Command line: ``python -m upperback questions | assess FILE | check [CONTENT_DIR]``.

Bad input exits 2 with one plain message, never a traceback: a file that cannot be read, is not UTF-8, is not
JSON, is nested too deeply or is too big; answers of the wrong shape; a content folder that is not there.
``check`` exits 1 when the content has problems, and prints each as ``file: field: rule: what is wrong``.
"""
import argparse
import json
import sys
from pathlib import Path

from .errors import AnswerError

MAX_ANSWERS_BYTES = 1_000_000  # answers are a few hundred bytes; this is only a guard against the wrong file
UNEXPECTED = "something went wrong reading this; nothing was changed"


def _read_answers(source):
    name = "standard input" if source == "-" else f"the answers file {source!r}"
    try:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_ANSWERS_BYTES + 1)
        else:
            with open(source, "rb") as handle:
                data = handle.read(MAX_ANSWERS_BYTES + 1)
    except OSError as exc:
        raise AnswerError(f"cannot read {name}: {exc.strerror or exc}") from None
    if len(data) > MAX_ANSWERS_BYTES:
        raise AnswerError(f"{name} is larger than {MAX_ANSWERS_BYTES // 1000} KB; answers are a small JSON object")
    if not data.strip():
        raise AnswerError(f"{name} is empty; give answers such as {{\"pain\": 3}}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnswerError(f"{name} is not UTF-8 text (byte {exc.start} cannot be read); save it as UTF-8") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswerError(f"{name} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise AnswerError(f"{name} is nested too deeply to read; answers are a small JSON object") from None
    except ValueError:  # json.loads refuses a number of more than 4300 digits
        raise AnswerError(f"{name} has a number too long to read; answers are a small JSON object") from None


def _check(root):
    if root is not None and not Path(root).is_dir():
        problem = "is a file, not a folder" if Path(root).exists() else "does not exist"
        raise AnswerError(f"the content folder {root!r} {problem}; give the folder that holds programme.json")
    if root is not None and not Path(root, "schema").is_dir():
        raise AnswerError(f"{root!r} is not a content folder: it has no schema/ folder")
    try:
        from .validation import validate
    except ImportError as exc:
        raise AnswerError(f"the check needs the package {exc.name!r}; install requirements/site.txt") from None
    problems = validate(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def _run(args):
    if args.command == "check":
        return _check(args.root)
    if args.command == "questions":
        from . import questions

        print(json.dumps(questions(), indent=2, ensure_ascii=False))
        return 0
    from . import assess

    plan = assess(_read_answers(args.file))
    print(json.dumps(plan, indent=2, ensure_ascii=False))
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m upperback", description="Upper Back Guide engine")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("questions", help="print every red flag and check-in as JSON")
    assess_cmd = sub.add_parser("assess", help="print the plan for an answers file (- for standard input)")
    assess_cmd.add_argument("file")
    check_cmd = sub.add_parser("check", help="validate the content folder; prints file: field: rule: problem")
    check_cmd.add_argument("root", nargs="?", default=None)
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except AnswerError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        print("error: stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # a case no check foresaw: still one line, with a short detail for a bug report
        print(f"error: {UNEXPECTED} ({type(exc).__name__}: {str(exc)[:200]})", file=sys.stderr)
    return 2
