"""The summary a patient brings back (upperback.clinic_summary): built from saved check-ins and the session log,
carried in a #s= link, checked on opening with worded errors, judged against upperback.progress's thresholds."""
import base64
import json
import zlib

import pytest

from upperback import browser, clinic_summary, progress
from upperback.clinic_summary import SummaryError
from upperback.handout import MAX_LINK, qr_matrix
from upperback.progress import ACTIVITY_SINGLE_CHANGE, PAIN_CHANGE


def store(*entries):
    return progress.dump([progress.make_entry(e) for e in entries])


FIRST = {"date": "2026-10-01", "checks": {"wall-test": "gap"}, "pain": 7,
         "activities": [{"name": "Driving", "score": 3}, {"name": "Reading", "score": 5}]}
LAST = {"date": "2026-10-29", "checks": {"wall-test": "touches"}, "pain": 7 - PAIN_CHANGE,
        "activities": [{"name": "driving", "score": 3 + ACTIVITY_SINGLE_CHANGE}, {"name": "Reading", "score": 6}]}


def made(*entries):
    return clinic_summary.make(store(*entries), "", "2026-11-01")


def fragment(share):
    return share[share.index("#"):]


def test_the_link_round_trips_to_the_same_view():
    reply = made(FIRST, LAST)
    assert reply["share"].startswith(clinic_summary.PAGE + "#" + clinic_summary.PREFIX)
    assert clinic_summary.open_link(fragment(reply["share"]))["view"] == reply["view"]


def test_the_view_judges_against_the_progress_thresholds():
    view = made(FIRST, LAST)["view"]
    assert f"7 → {7 - PAIN_CHANGE}" in view["pain_text"] and "beyond day-to-day variation" in view["pain_text"]
    driving, reading = view["activities"]
    assert driving["first"] == 3 and "beyond" in driving["text"] and "within" in reading["text"]
    assert view["checks"][0]["change"].startswith("Improved")
    assert "No guided sessions" in view["adherence"]


def test_one_check_in_says_so_and_nothing_saved_is_a_worded_error():
    view = made(FIRST)["view"]
    assert "one rating so far" in view["pain_text"] and view["checks"][0]["change"] == "Done once"
    with pytest.raises(SummaryError, match="Nothing is saved yet"):
        clinic_summary.make("", "", "2026-11-01")


def test_the_longest_summary_fits_a_printed_qr_code():
    names = ["x" * progress.MAX_ACTIVITY_NAME + str(i) for i in range(3)]
    entries = [{"date": f"2026-{m:02d}-{d:02d}", "checks": {"wall-test": "gap"}, "pain": (m + d) % 11,
                "activities": [{"name": n[:progress.MAX_ACTIVITY_NAME], "score": d % 11} for n in names]}
               for m in range(1, 11) for d in (1, 15)]
    share = clinic_summary.make(store(*entries), "", "2026-11-01")["share"]
    assert len(share) < MAX_LINK
    assert qr_matrix("https://example.org/" + share)  # within the handout's QR limit (upperback.handout)


def pack(data):
    raw = zlib.compress(json.dumps(data).encode())
    return "#" + clinic_summary.PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(("link", "words"), [
    ("#p=abc", "not a progress summary link"),
    ("#s=!!!", "damaged"),
    (None, "must be text"),
])
def test_bad_links_get_worded_errors(link, words):
    with pytest.raises(SummaryError, match=words):
        clinic_summary.decode(link)


def test_old_new_and_changed_links_get_worded_errors():
    good = clinic_summary.build(store(FIRST, LAST), "", "2026-11-01")
    with pytest.raises(SummaryError, match="version of the site"):
        clinic_summary.decode(pack({"v": 0, **good}))
    with pytest.raises(SummaryError, match="version of the site"):
        clinic_summary.decode(pack({"v": clinic_summary.VERSION + 1, **good}))
    for part, bad in [("pain", [["2026-10-01", 11]]),
                      ("checks", [{"id": "nope", "first": "a", "last": "a", "times": 1}]),
                      ("sessions", {"done": -1, "planned": 0, "weeks": 0}), ("from", "2026-02-30")]:
        request = {"op": "summary_open", "fragment": pack({"v": 1, **good, part: bad})}
        reply = json.loads(browser.handle(json.dumps(request)))
        assert not reply["ok"] and "cannot be read" in reply["error"] and "make the summary again" in reply["error"]


def test_adherence_counts_the_guided_sessions_done_against_those_planned():
    from upperback import plan, session

    link = plan.assess({"red_flags": {}})["session"]["href"]
    fragment = link[link.index("#"):]
    started = session.start(fragment, "", "2026-10-30", "2026-10-30T09:00:00Z")["session"]
    head = {key: started[key] for key in ("id", "date", "source", "fixed")}
    log = ""
    for item in started["items"]:
        record = {"slot": item["slot"], "exercise": item["exercise"], "dose": item["dose"], "base": item["base"],
                  "outcome": "done", "pain": 2, "stop_reason": None}
        log = session.record(log, head, record, fragment)["log"]
    summary = clinic_summary.make(store(FIRST, LAST), log, "2026-10-30")
    assert summary["view"]["title"].endswith("to 2026-10-29")
    sessions = summary["view"]["sessions"]
    assert sessions["done"] == 1 and sessions["planned"] >= 1 and sessions["weeks"] == 1
    assert summary["view"]["adherence"].startswith(f"1 of {sessions['planned']} planned guided sessions done")
    assert clinic_summary.open_link(fragment_of(summary["share"]))["view"]["adherence"] == summary["view"]["adherence"]


def fragment_of(share):
    return share[share.index("#"):]
