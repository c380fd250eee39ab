"""Deliveries: one ``(:Delivery)`` per event and subscription, queued when the event is published.

Its id is ``<event id>|<subscription id>`` (a ``MERGE``): an event is queued for a subscription
once, whatever happens.  The dispatcher sends what is due (webhook: a signed POST; e-mail: a
message through SMTP, :mod:`orgnet.events.mail`), logs every attempt on the delivery (status,
error, duration), and after a failure waits an exponential backoff with jitter
(:func:`backoff_s`); after ``WEBHOOK_MAX_ATTEMPTS`` failures the delivery is ``dead`` (moved
aside) until an admin replays it.  Receivers see each event's id in ``X-Orgnet-Event-Id``: at
least once means a crash after a send and before its log may send it again, with the same id.

>>> [round(backoff_s(n, base_s=10, max_s=1800, rand=lambda: 1.0)) for n in (1, 2, 3, 8, 9, 12)]
[10, 20, 40, 1280, 1800, 1800]
>>> round(backoff_s(3, base_s=10, max_s=1800, rand=lambda: 0.0))  # jitter: between half and all of it
20
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from typing import Any

from orgnet import __version__
from orgnet.events.signing import SIGNATURE_HEADER, sign
from orgnet.events.subscriptions import SUBSCRIPTION_LABEL
from orgnet.graph.db import Graph
from orgnet.writes import changes

DELIVERY_LABEL = "Delivery"
LOG_MAX = 50
"""Attempts kept in a delivery's log (the oldest dropped first)."""


def backoff_s(attempt: int, *, base_s: float, max_s: float, rand: Callable[[], float] = random.random) -> float:
    """The wait after failed attempt ``attempt`` (1-based): ``base · 2^(attempt-1)`` capped at
    ``max_s``, of which a random half is waited ("equal jitter": receivers coming back are not hit
    by every sender at once)."""
    delay = min(max_s, base_s * 2 ** (attempt - 1))
    return delay / 2 + rand() * delay / 2


def schedule_s(attempts: int, *, base_s: float, max_s: float) -> float:
    """The shortest time from the first attempt to the last (every jitter at its least): how long a
    receiver may be down before a delivery is moved aside.

    >>> schedule_s(12, base_s=10, max_s=1800) > 3600  # the defaults: a receiver down for an hour loses nothing
    True
    """
    return sum(backoff_s(n, base_s=base_s, max_s=max_s, rand=lambda: 0.0) for n in range(1, attempts))


QUEUE = f"""
UNWIND $rows AS row
MERGE (d:{DELIVERY_LABEL} {{id: row.id}})
ON CREATE SET d += row, d.state = 'pending', d.attempts = 0, d.next_at = $now, d.created_at = datetime(), d.log = []
"""

CLAIM = f"""
MATCH (d:{DELIVERY_LABEL}) WHERE d.state = 'pending' AND d.next_at <= $now AND coalesce(d.lease_until, 0.0) < $now
WITH d ORDER BY d.next_at LIMIT $limit
SET d.lease_until = $now + $lease_s, d.lease_owner = $owner
WITH d
OPTIONAL MATCH (s:{SUBSCRIPTION_LABEL} {{id: d.subscription_id}})
RETURN properties(d) AS d, s.url AS url, s.secret AS secret, s.email AS email, s.lang AS lang, s.active AS active
"""

RECORD = f"""
MATCH (d:{DELIVERY_LABEL} {{id: $id}}) WHERE d.state = 'pending'
SET d.attempts = d.attempts + 1, d.log = (coalesce(d.log, []) + [$entry])[-{LOG_MAX}..],
    d.state = $state, d.next_at = $next_at, d.lease_until = null, d.last_error = $error,
    d.delivered_at = CASE WHEN $state = 'delivered' THEN datetime() ELSE d.delivered_at END
"""


def queue_statement(rows: list[dict[str, Any]], *, now: float) -> tuple[str, dict[str, Any]]:
    """Queue deliveries (``rows``: ``{id, event_id, subscription_id, channel, event_type, seq, body}``)."""
    return QUEUE, {"rows": rows, "now": now}


def claim_due(graph: Graph, *, owner: str, now: float, limit: int = 20, lease_s: float = 60.0) -> list[dict[str, Any]]:
    """Pending deliveries due now, leased to ``owner`` for ``lease_s`` (one sender each)."""
    graph.health.check()
    rows: list[dict[str, Any]] = []

    def work(tx: Any) -> None:
        rows.extend(dict(r) for r in tx.run(CLAIM, {"now": now, "limit": limit, "lease_s": lease_s, "owner": owner}))

    graph.transact(work)
    return rows


def send_webhook(client: Any, *, url: str, secret: str, delivery: dict[str, Any]) -> tuple[int | None, str | None]:
    """POST the delivery's body, signed; ``(status, error)`` (``error`` None on a 2xx)."""
    body = delivery["body"].encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"orgnet-webhooks/{__version__}",
        SIGNATURE_HEADER: sign(secret, body),
        "X-Orgnet-Event-Id": delivery["event_id"],
        "X-Orgnet-Event-Type": delivery["event_type"],
        "X-Orgnet-Delivery": delivery["id"],
        "X-Orgnet-Attempt": str(delivery["attempts"] + 1),
    }
    try:
        response = client.post(url, content=body, headers=headers)
    except Exception as e:  # noqa: BLE001 - any transport failure is a failed attempt, logged
        return None, f"{type(e).__name__}: {str(e)[:200]}"
    if 200 <= response.status_code < 300:
        return response.status_code, None
    return response.status_code, f"HTTP {response.status_code}"


def record_attempt(
    graph: Graph, delivery: dict[str, Any], *, status: int | None, error: str | None, seconds: float, max_attempts: int, base_s: float, max_s: float
) -> str:
    """Log one attempt; the delivery is ``delivered``, ``pending`` (retry after :func:`backoff_s`) or ``dead``."""
    attempt = delivery["attempts"] + 1
    state = "delivered" if error is None else "dead" if attempt >= max_attempts else "pending"
    next_at = time.time() + backoff_s(attempt, base_s=base_s, max_s=max_s) if state == "pending" else None
    entry = json.dumps({"attempt": attempt, "at": time.time(), "status": status, "error": error, "ms": round(seconds * 1000, 1), "next_at": next_at})
    graph.write(RECORD, {"id": delivery["id"], "entry": entry, "state": state, "next_at": next_at, "error": error})
    return state


def public(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: row.get(k) for k in ("id", "event_id", "event_type", "subscription_id", "channel", "state", "attempts", "next_at", "last_error")}
    for key in ("created_at", "delivered_at"):
        value = row.get(key)
        out[key] = value.isoformat() if hasattr(value, "isoformat") else value
    out["log"] = [json.loads(x) for x in row.get("log") or []]
    return out


def list_deliveries(graph: Graph, *, subscription_id: str, state: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    rows = graph.read(
        f"MATCH (d:{DELIVERY_LABEL} {{subscription_id: $sub}}) WHERE $state IS NULL OR d.state = $state "
        "RETURN properties(d) AS d ORDER BY d.created_at DESC, d.id LIMIT $limit",
        {"sub": subscription_id, "state": state, "limit": min(limit, 500)},
    )
    return [public(r["d"]) for r in rows]


REPLAY = f"""
MATCH (d:{DELIVERY_LABEL}) WHERE d.state = 'dead' AND (d.id = $id OR ($id IS NULL AND d.subscription_id = $sub))
SET d.state = 'pending', d.attempts = 0, d.next_at = $now, d.lease_until = null, d.replayed_at = datetime(), d.replayed_by = $by
RETURN d.id AS id, d.subscription_id AS sub
"""


def replay(graph: Graph, *, delivery_id: str | None = None, subscription_id: str | None = None, by: str, path: str = "api") -> list[str]:
    """Dead deliveries back to pending (one, or every one of a subscription), their logs kept; audited."""
    replayed: list[str] = []

    def work(tx: Any) -> None:
        rows = list(tx.run(REPLAY, {"id": delivery_id, "sub": subscription_id, "now": time.time(), "by": by}))
        replayed.extend(r["id"] for r in rows)
        if rows:
            row = changes.change(kind="deliveries", action="replay", items=replayed, path=path, account=None if by.startswith("role:") else by)  # type: ignore[arg-type]
            tx.run(*changes.append_statement([row])).consume()

    graph.transact(work)
    return replayed
