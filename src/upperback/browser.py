"""The one entry point the browser's Web Worker calls: JSON text in, JSON text out.

Requests ({"op": ..., ...}):
  assess {answers} · link {fragment} · progress_report {store, today} · progress_add {store, entry}
  progress_import {store, file} · progress_export {store} · calendar {due, site_url}
  programme_view {state} · programme_link {fragment} · qr {text}
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
    "progress_report": lambda r: {"report": _module("progress").report(r.get("store"), r.get("today"))},
    "progress_add": lambda r: _module("progress").add(r.get("store"), r.get("entry")),
    "progress_import": lambda r: _module("progress").merge_import(r.get("store"), r.get("file")),
    "progress_export": lambda r: {"file": _module("progress").dump(
        _module("progress").read_store(r.get("store"))["entries"])},
    "calendar": lambda r: {"file": _module("progress").calendar(r.get("due"), r.get("site_url", ""))},
    "programme_view": lambda r: {"view": _module("handout").patient_view(r.get("state"))},
    "programme_link": lambda r: {"view": _module("handout").open_link(r.get("fragment"))},
    "qr": lambda r: {"matrix": _module("handout").qr_matrix(r.get("text"))},
}


def handle(request_text):
    try:
        request = json.loads(request_text)
        op = OPS.get(request.get("op"))
        if op is None:
            raise AnswerError(f"unknown request {request.get('op')!r}")
        return json.dumps({"ok": True, **op(request)})
    except AnswerError as exc:
        return json.dumps({"ok": False, "error": str(exc)})
