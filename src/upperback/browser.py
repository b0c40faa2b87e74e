"""The one entry point the browser's Web Worker calls: JSON text in, JSON text out.

Requests: {"op": "assess", "answers": {...}} or {"op": "link", "fragment": "#a=..."}.
Replies: {"ok": true, "plan": {...}} or {"ok": false, "error": "what to fix"}. Errors are worded here, in Python,
so the page only displays them.
"""
import json

from .errors import AnswerError
from .plan import assess, assess_link


def handle(request_text):
    try:
        request = json.loads(request_text)
        if request.get("op") == "assess":
            plan = assess(request.get("answers"))
        elif request.get("op") == "link":
            plan = assess_link(request.get("fragment"))
        else:
            raise AnswerError(f"unknown request {request.get('op')!r}")
    except AnswerError as exc:
        return json.dumps({"ok": False, "error": str(exc)})
    return json.dumps({"ok": True, "plan": plan})
