"""State carried in a link's fragment (#a=..., #p=...): versioned JSON, zlib-compressed, base64url. Browsers never
send the fragment to a server, so what a person entered stays on their device and in the link they share.

Links made before compression (version 1) hold the JSON uncompressed; they are still read. The two are told apart
by their first byte: a zlib stream starts with 0x78 ('x'), which no JSON text does.
"""
import base64
import binascii
import json
import zlib

from .errors import AnswerError

# The most text a link may unpack to: far above any real plan or programme, far below what would slow a phone.
MAX_UNPACKED = 64 * 1024
ZLIB_HEADER = b"\x78"


def pack(page, prefix, version, data):
    packed = json.dumps({"v": version, **data}, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
    return f"{page}#{prefix}{base64.urlsafe_b64encode(zlib.compress(packed, 9)).decode().rstrip('=')}"


def _inflate(raw, what, fix):
    inflater = zlib.decompressobj()
    text = inflater.decompress(raw, MAX_UNPACKED)
    if inflater.unconsumed_tail:
        raise AnswerError(f"this {what} holds far more than any real one; it may have been changed: {fix}")
    if not inflater.eof:
        raise zlib.error("the compressed data ends early")
    return text


def unpack(fragment, prefix, versions, max_length, kind, what, fix):
    """The data in a fragment; every way it can be wrong raises AnswerError in words a person can act on.
    versions: the versions this kind of link may carry; kind: 'an assessment link'; what: 'share link';
    fix: what to do instead."""
    if not isinstance(fragment, str):
        raise AnswerError(f"the {what} must be text; {fix}")
    fragment = fragment.removeprefix("#")
    if not fragment.startswith(prefix):
        raise AnswerError(f"this is not {kind} (it should contain #{prefix}); {fix}")
    data = fragment[len(prefix):]
    if len(data) > max_length:
        raise AnswerError(f"this {what} is too long to be real; it may have been changed: {fix}")
    try:
        raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
        packed = json.loads((_inflate(raw, what, fix) if raw[:1] == ZLIB_HEADER else raw).decode())
    except AnswerError:
        raise
    except (binascii.Error, ValueError, RecursionError, zlib.error):
        raise AnswerError(f"this {what} is damaged (it may have been cut short or changed); {fix}") from None
    version = packed.pop("v", None) if isinstance(packed, dict) else None
    if isinstance(version, bool) or version not in versions:  # true == 1 in Python: a version is a whole number
        raise AnswerError(f"this {what} comes from a version of the site that can no longer read it; {fix}")
    return packed
