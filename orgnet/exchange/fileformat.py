"""The exchange file: versioned, checksummed over canonical JSON, optionally signed with a shared key.

The checksum is sha256 over the canonical JSON (sorted keys, no spaces, UTF-8) of the whole file
without its ``sha256`` and ``hmac`` members; ``hmac`` is HMAC-SHA256 over the same bytes with the
key both instances share (``EXCHANGE_KEY``).  Canonical JSON makes the checksum independent of
how a file was pretty-printed or re-serialised on the way.

>>> sealed = seal({"format": FORMAT, "version": VERSION, "source": "320300"}, key=b"k")
>>> sorted(sealed)
['format', 'hmac', 'sha256', 'source', 'version']
>>> verify(sealed, key=b"k")["source"]
'320300'
>>> verify({**sealed, "source": "320400"}, key=b"k")
Traceback (most recent call last):
...
orgnet.errors.InvalidInput: The exchange file's sha256 does not match its content: it was changed or damaged on the way.
"""

from __future__ import annotations

import hashlib
import hmac as hmac_
import json
from typing import Any

from orgnet.errors import InvalidInput

FORMAT = "orgnet-exchange"
VERSION = 3
"""Bumped when the meaning of a member changes; a receiver refuses versions it does not know.
(2: each summary names the policies its figures were computed under, ``policies``: a province's
cities may each have their own.  3: each summary carries its population as a step function of the
day, ``total_days``/``totals``, so a past day's total is the source's.  Older files are still read:
their population is ``total`` on every day.)"""
READABLE_VERSIONS = (1, 2, 3)
SEAL_MEMBERS = ("sha256", "hmac")


def canonical(data: dict[str, Any]) -> bytes:
    """The canonical JSON bytes of ``data`` without its seal members.

    >>> canonical({"b": 1, "a": "徐州", "sha256": "x"})
    b'{"a":"\\xe5\\xbe\\x90\\xe5\\xb7\\x9e","b":1}'
    """
    body = {k: v for k, v in data.items() if k not in SEAL_MEMBERS}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def _mac(body: bytes, key: bytes) -> str:
    return hmac_.new(key, body, hashlib.sha256).hexdigest()


def seal(data: dict[str, Any], *, key: bytes | None) -> dict[str, Any]:
    """``data`` with its ``sha256`` and, given a key, its ``hmac`` (else ``None``)."""
    body = canonical(data)
    return {**data, "sha256": hashlib.sha256(body).hexdigest(), "hmac": _mac(body, key) if key else None}


def verify(data: Any, *, key: bytes | None) -> dict[str, Any]:
    """``data`` if it is an exchange file of a known version whose checksum (and, when this
    instance has a key, HMAC) match; else :class:`InvalidInput` saying which check failed.

    A receiver with a key refuses an unsigned file: the checksum alone proves no origin.

    >>> verify({"format": FORMAT, "version": 9}, key=None)
    Traceback (most recent call last):
    ...
    orgnet.errors.InvalidInput: This instance reads orgnet-exchange versions 1, 2, 3; the file is version 9.
    >>> verify(seal({"format": FORMAT, "version": VERSION}, key=None), key=b"k")
    Traceback (most recent call last):
    ...
    orgnet.errors.InvalidInput: The exchange file is not signed, and this instance accepts only files signed with EXCHANGE_KEY.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(f"Not an exchange file: its `format` must be {FORMAT!r}.", errors=[{"field": "format", "reason": f"must be {FORMAT}"}])
    if data.get("version") not in READABLE_VERSIONS:
        readable = ", ".join(map(str, READABLE_VERSIONS))
        raise InvalidInput(
            f"This instance reads {FORMAT} versions {readable}; the file is version {data.get('version')!r}.",
            errors=[{"field": "version", "reason": f"must be one of {readable}"}],
        )
    try:
        body = canonical(data)
    except (TypeError, ValueError) as e:
        raise InvalidInput("The exchange file holds a value JSON cannot carry.") from e
    if not isinstance(data.get("sha256"), str) or not hmac_.compare_digest(data["sha256"], hashlib.sha256(body).hexdigest()):
        raise InvalidInput(
            "The exchange file's sha256 does not match its content: it was changed or damaged on the way.",
            errors=[{"field": "sha256", "reason": "does not match the canonical JSON of the file"}],
        )
    if key:
        signature = data.get("hmac")
        if not isinstance(signature, str) or not signature:
            raise InvalidInput(
                "The exchange file is not signed, and this instance accepts only files signed with EXCHANGE_KEY.",
                errors=[{"field": "hmac", "reason": "missing"}],
            )
        if not hmac_.compare_digest(signature, _mac(body, key)):
            raise InvalidInput(
                "The exchange file's signature does not match: it was signed with another EXCHANGE_KEY, or changed.",
                errors=[{"field": "hmac", "reason": "does not match"}],
            )
    return data
