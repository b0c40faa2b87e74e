"""State carried in a link's fragment (#a=..., #p=...): versioned JSON, base64url. Browsers never send the
fragment to a server, so what a person entered stays on their device and in the link they share."""
import base64
import binascii
import json

from .errors import AnswerError


def pack(page, prefix, version, data):
    packed = json.dumps({"v": version, **data}, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
    return f"{page}#{prefix}{base64.urlsafe_b64encode(packed).decode().rstrip('=')}"


def unpack(fragment, prefix, version, max_length, kind, what, fix):
    """The data in a fragment; every way it can be wrong raises AnswerError in words a person can act on.
    kind: 'an assessment link'; what: 'share link'; fix: what to do instead."""
    if not isinstance(fragment, str):
        raise AnswerError(f"the {what} must be text; {fix}")
    fragment = fragment.removeprefix("#")
    if not fragment.startswith(prefix):
        raise AnswerError(f"this is not {kind} (it should contain #{prefix}); {fix}")
    data = fragment[len(prefix):]
    if len(data) > max_length:
        raise AnswerError(f"this {what} is too long to be real; it may have been changed: {fix}")
    try:
        packed = json.loads(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)).decode())
    except (binascii.Error, ValueError):
        raise AnswerError(f"this {what} is damaged (it may have been cut short or changed); {fix}") from None
    if not isinstance(packed, dict) or packed.pop("v", None) != version:
        raise AnswerError(f"this {what} comes from a version of the site that can no longer read it; {fix}")
    return packed
