"""Paging: the page limits, and signed cursors for keyset paging (where the next page starts, which
listing it belongs to, and the listing's total, signed with HMAC-SHA256 so that neither can be
forged; gaps and changes pages)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import secrets
from typing import Any

from orgnet.errors import InvalidInput

DEFAULT_GAP_LIMIT = 50
MAX_GAP_LIMIT = 500
CURSOR_VERSION = 1

# cursors stay valid only in this process.  The API passes the server's key (``CURSOR_SECRET``).
_PROCESS_CURSOR_KEY = secrets.token_bytes(32)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(payload: str, key: bytes) -> str:
    return _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())


def encode_cursor(*, metric: str, region_id: str, as_of: dt.date, after: str, total: int | None = None, key: bytes | None = None) -> str:
    """A signed cursor: where the next page starts, which listing it belongs to, and the
    listing's total as counted for the first page (later pages do not count again), signed with
    HMAC-SHA256 under ``key`` so that neither the position nor the total can be forged.

    >>> c = encode_cursor(metric="cadre_load", region_id="320300", as_of=dt.date(2020, 3, 31), after="c-9", total=3, key=b"k")
    >>> decode_cursor(c, metric="cadre_load", region_id="320300", as_of=dt.date(2020, 3, 31), key=b"k")
    'c-9'
    >>> cursor_total(c, key=b"k")
    3
    >>> decode_cursor(c, metric="cadre_load", region_id="320300", as_of=dt.date(2020, 3, 31), key=b"other")
    Traceback (most recent call last):
    ...
    orgnet.errors.InvalidInput: The cursor is not one this API issued (malformed, altered or signed with another key).
    """
    raw = json.dumps({"v": CURSOR_VERSION, "m": metric, "r": region_id, "d": as_of.isoformat(), "a": after, "t": total}, separators=(",", ":"))
    payload = _b64(raw.encode())
    return f"{payload}.{_signature(payload, key or _PROCESS_CURSOR_KEY)}"


def _cursor_data(cursor: str, key: bytes | None) -> dict[str, Any] | None:
    """The cursor's content when its signature holds under ``key``; ``None`` otherwise."""
    payload, dot, signature = cursor.partition(".")
    if not dot or not hmac.compare_digest(signature.encode(), _signature(payload, key or _PROCESS_CURSOR_KEY).encode()):
        return None
    try:
        data = json.loads(_unb64(payload))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    ok = isinstance(data, dict) and data.get("v") == CURSOR_VERSION and isinstance(data.get("a"), str)
    return data if ok else None


def cursor_total(cursor: str, *, key: bytes | None = None) -> int | None:
    """The total a valid cursor carries (``None``: none, or not a valid cursor)."""
    data = _cursor_data(cursor, key)
    total = data.get("t") if data else None
    return total if isinstance(total, int) and not isinstance(total, bool) and total >= 0 else None


def decode_cursor(cursor: str, *, metric: str, region_id: str, as_of: dt.date, key: bytes | None = None) -> str:
    """The last id of the previous page; :class:`InvalidInput` (naming the ``cursor`` field) for
    a cursor that is malformed, altered, signed with another key or issued for another listing."""
    data = _cursor_data(cursor, key)
    if data is None:
        raise InvalidInput(
            "The cursor is not one this API issued (malformed, altered or signed with another key).",
            errors=[{"field": "cursor", "reason": "malformed or altered: use next_cursor exactly as returned"}],
        )
    if (data.get("m"), data.get("r"), data.get("d")) != (metric, region_id, as_of.isoformat()):
        raise InvalidInput(
            "The cursor belongs to another listing (metric, region or as_of differ).",
            errors=[{"field": "cursor", "reason": "issued for another metric, region or date"}],
        )
    return data["a"]
