"""Webhook signatures: HMAC-SHA256 of ``<timestamp>.<body>`` with the subscription's secret.

Sent as ``X-Orgnet-Signature: t=<unix seconds>,v1=<hex digest>`` (the scheme Stripe uses): the
timestamp is signed with the body, so a receiver that refuses old timestamps refuses replays too.
The secret is shown once, when the subscription is made or its secret rotated.

>>> header = sign("whsec_test", b'{"a":1}', timestamp=1700000000)
>>> header.startswith("t=1700000000,v1="), len(header.split("v1=")[1])
(True, 64)
>>> verify("whsec_test", b'{"a":1}', header, now=1700000100)
True
>>> verify("whsec_test", b'{"a":2}', header, now=1700000100), verify("whsec_test", b'{"a":1}', header, now=1700009999)
(False, False)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

SIGNATURE_HEADER = "X-Orgnet-Signature"
TOLERANCE_S = 300
"""How old a signature a receiver should accept (clocks differ a little; a replay later is refused)."""


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def digest(secret: str, body: bytes, timestamp: int) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes, *, timestamp: int | None = None) -> str:
    """The header value for ``body`` sent now (or at ``timestamp``)."""
    t = int(time.time()) if timestamp is None else timestamp
    return f"t={t},v1={digest(secret, body, t)}"


def verify(secret: str, body: bytes, header: str, *, tolerance_s: int = TOLERANCE_S, now: float | None = None) -> bool:
    """Whether ``header`` signs ``body`` with ``secret`` within ``tolerance_s`` of ``now``."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        t = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs((time.time() if now is None else now) - t) > tolerance_s:
        return False
    return hmac.compare_digest(parts.get("v1", ""), digest(secret, body, t))
