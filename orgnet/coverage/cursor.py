"""Paging: the page limits, and the one signer of page cursors (keyset paging).

A cursor says where the next page starts (the last id of the page before), which listing it
belongs to, and what the first page counted (the listing's total, a filtered list's facets), so a
later page needs no count again.  It is signed with itsdangerous (HMAC-SHA256) under the server's
secret (``CURSOR_SECRET``, else ``ORGNET_HOME/cursor-secret``: the same for every worker, so a
cursor one worker issued is accepted by every other one, and after a restart), with a salt per
kind of listing (gap pages, filtered gap pages, the audit trail), so neither the position nor a
total can be forged and a cursor of one kind is never read as another.

>>> c = sign_cursor("gaps", ["cadre_load", "320300", "2020-03-31"], after="c-9", key=b"k", t=3)
>>> open_cursor(c, "gaps", ["cadre_load", "320300", "2020-03-31"], key=b"k")["a"]
'c-9'
>>> open_cursor(c, "changes", ["cadre_load", "320300", "2020-03-31"], key=b"k")
Traceback (most recent call last):
...
orgnet.errors.InvalidInput: The cursor is not one this API issued (malformed, altered or signed with another key).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from functools import lru_cache
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer

from orgnet.errors import InvalidInput

DEFAULT_GAP_LIMIT = 50
MAX_GAP_LIMIT = 500
CURSOR_KINDS = ("gaps", "gaps.filtered", "changes")
"""The listings cursors page through; each is a salt of its own."""

# The key of cursors that never leave this process (a caller that passes no key: tests, the
# command line, internal paging).  The API always passes the server's (Settings.effective_cursor_secret).
_PROCESS_CURSOR_KEY = secrets.token_bytes(32)


@lru_cache(maxsize=64)
def _serializer(key: bytes, kind: str) -> URLSafeSerializer:
    if kind not in CURSOR_KINDS:
        raise ValueError(f"unknown cursor kind {kind!r}")
    return URLSafeSerializer(key, salt=f"orgnet.cursor.{kind}", signer_kwargs={"digest_method": hashlib.sha256})


def sign_cursor(kind: str, listing: list[Any], *, after: str, key: bytes | None, **carried: Any) -> str:
    """A signed cursor of ``listing`` (what identifies it: metric, region, day, filters ...) after
    the id ``after``; ``carried`` are what the first page counted (short keys: ``t`` the total,
    ``f`` the facets)."""
    return _serializer(key or _PROCESS_CURSOR_KEY, kind).dumps({"l": listing, "a": after, **carried})


def _cursor_data(cursor: str, kind: str, key: bytes | None) -> dict[str, Any] | None:
    """The cursor's content when its signature holds; ``None`` otherwise."""
    try:
        data = _serializer(key or _PROCESS_CURSOR_KEY, kind).loads(cursor)
    except BadSignature:
        return None
    return data if isinstance(data, dict) and isinstance(data.get("a"), str) else None


def open_cursor(cursor: str, kind: str, listing: list[Any], *, key: bytes | None) -> dict[str, Any]:
    """The cursor's content (``a``: the last id of the previous page, and what it carries);
    :class:`InvalidInput` (naming the ``cursor`` field) for a cursor that is malformed, altered,
    signed with another key or issued for another listing."""
    data = _cursor_data(cursor, kind, key)
    if data is None:
        raise InvalidInput(
            "The cursor is not one this API issued (malformed, altered or signed with another key).",
            errors=[{"field": "cursor", "reason": "malformed or altered: use next_cursor exactly as returned"}],
        )
    if data.get("l") != listing:
        raise InvalidInput(
            "The cursor belongs to another listing (metric, region, as_of or filters differ).",
            errors=[{"field": "cursor", "reason": "issued for another metric, region, date or filter"}],
        )
    return data


# ----------------------------------------------------------------------------- gap pages


def _gap_listing(metric: str, region_id: str, as_of: dt.date) -> list[str]:
    return [metric, region_id, as_of.isoformat()]


def encode_cursor(*, metric: str, region_id: str, as_of: dt.date, after: str, total: int | None = None, key: bytes | None = None) -> str:
    """A gap page's cursor: where the next page starts, and the listing's total as counted for
    the first page (later pages do not count again).

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
    return sign_cursor("gaps", _gap_listing(metric, region_id, as_of), after=after, key=key, t=total)


def cursor_total(cursor: str, *, key: bytes | None = None) -> int | None:
    """The total a valid gap cursor carries (``None``: none, or not a valid cursor)."""
    data = _cursor_data(cursor, "gaps", key)
    total = data.get("t") if data else None
    return total if isinstance(total, int) and not isinstance(total, bool) and total >= 0 else None


def decode_cursor(cursor: str, *, metric: str, region_id: str, as_of: dt.date, key: bytes | None = None) -> str:
    """The last id of the previous gap page (:func:`open_cursor`'s refusals)."""
    return open_cursor(cursor, "gaps", _gap_listing(metric, region_id, as_of), key=key)["a"]
