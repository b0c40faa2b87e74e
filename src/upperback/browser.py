"""The one entry point the browser's Web Worker calls: JSON text in, JSON text out.

Requests ({"op": ..., ...}):
  assess {answers} · link {fragment} · measure {check, trials, age_band} · next_step {step, answers}
  progress_report {store, today} (the report and its view) · progress_add {store, entry, today}
  progress_import {store, file, today} · progress_export {store, sessions, weekly, timer}
  calendar {due, site_url, now}
  date_bounds {today} · storage_summary {saved, weekly, draft, last_export} · durability {persisted, last_export, today}
  programme_view {state, site} · programme_link {fragment, site} · qr {text}
  programme_make {state, site} · dose_check {field, value}
  summary_make {store, log, today} · summary_open {fragment}
  session_start {fragment, log, today, now, timer} · session_record {log, session, item, fragment}
  session_morning {log, date, worse} · session_add_back {log, source, slot, now}
  session_summary {fragment, log, today, id}
  sessions_import {log, file} · adherence {log, today} · reminder_make {log, days, time, today, now, site_url}
  reminder_remove {log, now} · retailor {start, weeks, log, today}
  weekly_view {store, weekly, log, today} · weekly_offer {store, weekly, today}
  weekly_add {weekly, checkin, today} · weekly_import {weekly, file, today}
Replies: {"ok": true, ...result} or {"ok": false, "error": "what to fix"}. Errors are worded here, in Python,
so the page only displays them.
"""

import importlib
import json

from .errors import AnswerError
from .plan import assess, assess_link


def _module(name):
    """Progress and handout code is imported on first use: the assessment page never needs it, so its worker is
    ready without compiling it."""
    return importlib.import_module(f".{name}", __package__)


OPS = {
    "assess": lambda r: {"plan": assess(r.get("answers"))},
    "link": lambda r: {"plan": assess_link(r.get("fragment"))},
    "measure": lambda r: {
        "reading": _module("measures").reading_for(r.get("check"), r.get("trials"), r.get("age_band"))
    },
    "next_step": lambda r: {"next": _module("flow").next_step(r.get("step"), r.get("answers"))},
    "progress_report": lambda r: _module("progress_view").reply(r.get("store"), r.get("today")),
    "progress_add": lambda r: _module("progress").add(r.get("store"), r.get("entry"), today=r.get("today")),
    "progress_import": lambda r: _module("progress").merge_import(r.get("store"), r.get("file"), today=r.get("today")),
    "date_bounds": lambda r: {"bounds": _module("progress").date_bounds(r.get("today"))},
    "storage_summary": lambda r: {
        "summary": _module("storage").summary(r.get("saved"), r.get("weekly"), r.get("draft"), r.get("last_export"))
    },
    "durability": lambda r: {
        "durability": _module("storage").durability(r.get("persisted"), r.get("last_export"), r.get("today"))
    },
    "progress_export": lambda r: {
        "file": _module("progress").export(
            r.get("store"), r.get("sessions"), weekly_text=r.get("weekly"), timer_text=r.get("timer")
        )
    },
    "calendar": lambda r: {"file": _module("progress").calendar(r.get("due"), r.get("site_url", ""), r.get("now"))},
    "programme_view": lambda r: {"view": _module("handout").patient_view(r.get("state"), site=r.get("site"))},
    "programme_link": lambda r: {"view": _module("handout").open_link(r.get("fragment"), site=r.get("site"))},
    "programme_make": lambda r: {"view": _module("handout").make(r.get("state"), site=r.get("site"))},
    "dose_check": lambda r: {"check": _module("handout").check_dose(r.get("field"), r.get("value"))},
    "summary_make": lambda r: _module("clinic_summary").make(r.get("store"), r.get("log"), r.get("today")),
    "summary_open": lambda r: _module("clinic_summary").open_link(r.get("fragment")),
    "qr": lambda r: {"matrix": _module("handout").qr_matrix(r.get("text"))},
    "session_start": lambda r: _module("session").start(
        r.get("fragment"), r.get("log"), r.get("today"), r.get("now"), timer_text=r.get("timer")
    ),
    "session_record": lambda r: _module("session").record(
        r.get("log"), r.get("session"), r.get("item"), r.get("fragment")
    ),
    "session_morning": lambda r: _module("session").morning(r.get("log"), r.get("date"), r.get("worse")),
    "session_add_back": lambda r: _module("session").add_back(
        r.get("log"), r.get("source"), r.get("slot"), r.get("now")
    ),
    "session_summary": lambda r: _module("session").summary(
        r.get("fragment"), r.get("log"), r.get("today"), r.get("id")
    ),
    "sessions_import": lambda r: _module("sessionlog").merge_file(r.get("log"), r.get("file")),
    "adherence": lambda r: {"report": _module("adherence").report(r.get("log"), r.get("today"))},
    "reminder_make": lambda r: _module("reminders").make(
        r.get("log"), r.get("days"), r.get("time"), r.get("today"), r.get("now"), r.get("site_url")
    ),
    "reminder_remove": lambda r: _module("reminders").remove(r.get("log"), r.get("now")),
    "weekly_view": lambda r: {
        "view": _module("weekly_view").view(r.get("store"), r.get("weekly"), r.get("log"), r.get("today"))
    },
    "weekly_offer": lambda r: {"offer": _module("weekly_view").offer(r.get("store"), r.get("weekly"), r.get("today"))},
    "weekly_add": lambda r: _module("weekly").add(r.get("weekly"), r.get("checkin"), today=r.get("today")),
    "weekly_import": lambda r: _module("weekly").merge_file(r.get("weekly"), r.get("file"), today=r.get("today")),
    "retailor": lambda r: {
        "retailored": _module("retailor").retailor_request(r.get("start"), r.get("weeks"), r.get("log"), r.get("today"))
    },
}


UNEXPECTED = "something went wrong reading this; nothing was changed"
# Shown by the page when no reply comes at all (the engine stopped): rendered into the page at build time.
NO_REPLY = "The engine stopped answering. Nothing was changed: reload the page to try again."


def handle(request_text):
    """Always a reply, never an exception: a page waiting for an answer must never wait for ever."""
    try:
        request = json.loads(request_text)
        if not isinstance(request, dict):
            raise AnswerError("a request must be a JSON object with an 'op'")
        op = OPS.get(request.get("op")) if isinstance(request.get("op"), str) else None
        if op is None:
            raise AnswerError(f"unknown request {str(request.get('op'))[:40]!r}")
        return json.dumps({"ok": True, **op(request)})
    except AnswerError as exc:
        return json.dumps({"ok": False, "error": str(exc)})
    except Exception as exc:  # a shape no check foresaw: say so plainly, and keep a short detail for a bug report
        return json.dumps({"ok": False, "error": UNEXPECTED, "detail": f"{type(exc).__name__}: {str(exc)[:160]}"})
