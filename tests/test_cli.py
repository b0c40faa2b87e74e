"""The command line keeps its promise (issue 18, item 4): every bad input exits 2 with one plain message on
standard error and nothing on standard output, never a traceback; `check` exits 1 with one line per problem."""
import json
import subprocess
import sys

import pytest

HUGE_NUMBER = '{"pain": ' + "1" * 5000 + "}"
FILES = {  # name: (bytes of the answers file, what the message says)
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "is not UTF-8 text (byte 0"),
    "latin-1": ('{"pain": 3, "note": "caf\xe9"}'.encode("latin-1"), "is not UTF-8 text (byte 24"),
    "deep-array": (b"[" * 100000, "nested too deeply"),
    "deep-object": (b'{"a":' * 100000, "nested too deeply"),
    "empty": (b"", "is empty"),
    "only-spaces": (b"  \n\t ", "is empty"),
    "not-json": (b"{not json", "is not valid JSON (line 1"),
    "huge-number": (HUGE_NUMBER.encode(), "has a number too long to read"),
    "too-big": (b" " * 1_000_001, "is larger than 1000 KB"),
    "a-list": (b'["chest-pain"]', "answers must be a JSON object"),
    "list-for-a-choice": (b'{"age_band": ["x"]}', "age_band must be one of"),
    "list-for-an-outcome": (b'{"checks": {"wall-test": ["gap"]}}', "check-in 'wall-test' has no outcome ['gap']"),
    "list-for-yes-no": (b'{"red_flags": {"chest-pain": [true]}}', "red_flags.chest-pain must be true or false"),
    "object-for-pain": (b'{"pain": {"value": 3}}', "pain must be a whole number"),
    "string-key-list": (b'{"red_flags": ["chest-pain"]}', "red_flags must be an object"),
}


def run_cli(*args, stdin=b""):
    return subprocess.run([sys.executable, "-m", "upperback", *args], input=stdin, capture_output=True)


def assert_one_plain_message(result, message, code=2):
    err = result.stderr.decode("utf-8")
    assert result.returncode == code, (result.returncode, err)
    assert "Traceback" not in err and result.stdout == b"", err
    assert err.startswith("error: ") and err.count("\n") == 1, err  # one line
    assert message in err, err


@pytest.mark.parametrize("name", FILES)
def test_bad_answers_file_exits_2_with_one_message(tmp_path, name):
    data, message = FILES[name]
    path = tmp_path / f"{name}.json"
    path.write_bytes(data)
    assert_one_plain_message(run_cli("assess", str(path)), message)


@pytest.mark.parametrize("name", ["binary", "deep-array", "empty", "list-for-a-choice"])
def test_bad_standard_input_exits_2_with_one_message(name):
    data, message = FILES[name]
    result = run_cli("assess", "-", stdin=data)
    assert_one_plain_message(result, message)
    if name != "list-for-a-choice":  # a file that cannot be read is named; a wrong answer names the answer
        assert result.stderr.decode().startswith("error: standard input ")


def test_a_folder_given_as_the_answers_file(tmp_path):
    assert_one_plain_message(run_cli("assess", str(tmp_path)), "cannot read the answers file")


def test_a_missing_answers_file(tmp_path):
    assert_one_plain_message(run_cli("assess", str(tmp_path / "nothing.json")), "No such file or directory")


def test_a_byte_order_mark_is_read_as_utf8(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"pain": 3}).encode())
    result = run_cli("assess", str(path))
    assert result.returncode == 0 and json.loads(result.stdout)["answers"]["pain"] == 3


def test_check_on_a_missing_folder(tmp_path):
    assert_one_plain_message(run_cli("check", str(tmp_path / "no-such-content")), "does not exist")


def test_check_on_a_file(tmp_path):
    path = tmp_path / "programme.json"
    path.write_text("{}")
    assert_one_plain_message(run_cli("check", str(path)), "is a file, not a folder")


def test_check_on_a_folder_that_is_not_content(tmp_path):
    assert_one_plain_message(run_cli("check", str(tmp_path)), "is not a content folder: it has no schema/ folder")


BROKEN_FILES = {  # what breaks a content file: (bytes, field, message)
    "binary": (b"\xff\xfe\x00\x01", "byte 0", "not UTF-8 text"),
    "deep": (b"[" * 100000, "(whole record)", "nested too deeply"),
    "empty": (b"", "line 1", "not valid JSON"),
    "huge-number": (HUGE_NUMBER.encode(), "(whole record)", "has a number too long to read"),
}


@pytest.mark.parametrize("name", BROKEN_FILES)
def test_check_names_a_content_file_it_cannot_read(content_copy, name):
    data, field, message = BROKEN_FILES[name]
    (content_copy.root / "exercises" / "band-row.json").write_bytes(data)
    result = run_cli("check", str(content_copy.root))
    err = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in err, err
    assert f"content/exercises/band-row.json: {field}: {message}" in err, err


def test_check_names_a_missing_file_and_a_folder_in_place_of_a_file(content_copy):
    (content_copy.root / "programme.json").unlink()
    (content_copy.root / "exercises" / "band-row.json").unlink()
    (content_copy.root / "exercises" / "band-row.json").mkdir()
    result = run_cli("check", str(content_copy.root))
    err = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in err, err
    assert "content/programme.json: (whole record): is missing" in err, err
    assert "content/exercises/band-row.json: (whole record): cannot be read" in err, err


def test_check_names_a_missing_schema_once(content_copy):
    (content_copy.root / "schema" / "check.schema.json").unlink()
    result = run_cli("check", str(content_copy.root))
    err = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in err, err
    assert err.count("content/schema/check.schema.json: (whole record): is missing") == 1, err
