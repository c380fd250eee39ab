"""The audit trail: one append-only ``(:Change)`` node per write, in the write's own transaction.

A change records who (``account``, ``role``), when (the server's ``datetime()``), which path
(``api``: a per-record write or an applied suggestion; ``import``: ``POST /v1/import``; ``cli``:
``orgnet import``; ``seed``: ``orgnet seed`` / ``orgnet load``; ``exchange``: an exchange file received
or withdrawn, :mod:`orgnet.exchange.local`), what (``kind`` = the bundle section
or ``bundle``, ``action``, the record ``items``), ``before`` → ``after`` (JSON texts), the ``reason``
(a void's), the regions written (``region_ids``) and, for filtering by region, those regions with
every ancestor (``scope_ids``).  Nothing in orgnet edits or deletes a change.

>>> change(kind="pairings", action="create", items=["c1~e1~2020-02-01"], path="api")["path"]
'api'
>>> _cursor_after("2020-02-01T00:00:00+00:00|abc")
('2020-02-01T00:00:00+00:00', 'abc')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Any, Literal

from orgnet.errors import InvalidInput
from orgnet.graph.db import Graph

Path = Literal["api", "import", "cli", "seed", "exchange"]
PATHS = ("api", "import", "cli", "seed", "exchange")
MAX_STORED_IDS = 1000
"""A bundle import lists at most this many item and region ids (``items_total`` says how many there were)."""
MAX_PAGE = 500

APPEND = """
UNWIND $changes AS c
CALL (c) {
  UNWIND (c.region_ids + [null]) AS rid
  OPTIONAL MATCH (r:Region {id: rid})
  UNWIND coalesce(r.path_ids, []) + [null] AS anc
  WITH DISTINCT anc WHERE anc IS NOT NULL
  RETURN collect(anc) AS scope_ids
}
CREATE (ch:Change {
  id: c.id, at: datetime(), account: c.account, role: c.role, path: c.path, kind: c.kind, action: c.action,
  items: c.items, items_total: c.items_total, before: c.before, after: c.after, reason: c.reason,
  region_ids: c.region_ids, scope_ids: scope_ids
})
"""
"""Appends the changes; run as a statement of the write's own transaction (so a change exists
exactly when its write committed)."""


def as_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def change(
    *,
    kind: str,
    action: str,
    items: list[str],
    path: Path,
    account: str | None = None,
    role: str | None = None,
    before: Any = None,
    after: Any = None,
    reason: str | None = None,
    region_ids: list[str] | None = None,
) -> dict[str, Any]:
    """One change record's parameters (ids capped at :data:`MAX_STORED_IDS`)."""
    regions = sorted(set(region_ids or []))
    return {
        "id": str(uuid.uuid4()),
        "account": account,
        "role": role,
        "path": path,
        "kind": kind,
        "action": action,
        "items": items[:MAX_STORED_IDS],
        "items_total": len(items),
        "before": as_json(before),
        "after": as_json(after),
        "reason": reason,
        "region_ids": regions[:MAX_STORED_IDS],
    }


def append_statement(changes: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    return APPEND, {"changes": changes}


def append(graph: Graph, changes: list[dict[str, Any]]) -> None:
    """Append changes in a transaction of their own (a batched import: after its last batch)."""
    graph.write(*append_statement(changes))


LIST = """
MATCH (c:Change)
WHERE ($region IS NULL OR $region IN c.scope_ids)
  AND ($since IS NULL OR c.at >= datetime($since))
  AND ($until IS NULL OR c.at < datetime($until))
  AND ($account IS NULL OR c.account = $account)
  AND ($kind IS NULL OR c.kind = $kind)
  AND ($item IS NULL OR $item IN c.items OR any(i IN c.items WHERE i STARTS WITH $item + '~' OR i CONTAINS '~' + $item + '~'))
  AND ($after_at IS NULL OR c.at < datetime($after_at) OR (c.at = datetime($after_at) AND c.id < $after_id))
RETURN c {.*, account_name: COLLECT { MATCH (a:Account {id: c.account}) RETURN a.name }[0]} AS change
ORDER BY c.at DESC, c.id DESC
LIMIT $limit
"""


def _cursor_after(after: str) -> tuple[str, str]:
    at, _, cid = after.partition("|")
    return at, cid


def listing_key(**filters: Any) -> str:
    """What a cursor is bound to: the filters of its listing (another listing refuses it)."""
    return "changes:" + hashlib.sha256(json.dumps(filters, sort_keys=True, default=str).encode()).hexdigest()[:16]


def list_changes(
    graph: Graph,
    *,
    region: str | None = None,
    since: dt.datetime | dt.date | None = None,
    until: dt.datetime | dt.date | None = None,
    account: str | None = None,
    kind: str | None = None,
    item: str | None = None,
    limit: int = 100,
    after: str | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The changes matching the filters, newest first, at most ``limit`` (≤ :data:`MAX_PAGE`), and
    the position after the last one when there may be more (``at|id``, for the signed cursor)."""
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(f"limit is between 1 and {MAX_PAGE}.", errors=[{"field": "limit", "reason": f"1..{MAX_PAGE}"}])
    after_at, after_id = _cursor_after(after) if after else (None, None)
    rows = graph.read(
        LIST,
        {
            "region": region,
            "account": account,
            "kind": kind,
            "item": item,
            "limit": limit + 1,
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
            "after_at": after_at,
            "after_id": after_id,
        },
    )
    out = [_public(r["change"]) for r in rows[:limit]]
    more = len(rows) > limit
    nxt = f"{out[-1]['at']}|{out[-1]['id']}" if more and out else None
    return out, nxt


def _public(c: dict[str, Any]) -> dict[str, Any]:
    at = c.get("at")
    return {
        "id": c["id"],
        "at": at.isoformat() if hasattr(at, "isoformat") else at,
        "account": c.get("account"),
        "account_name": c.get("account_name"),  # who wrote, as a planner knows them (the history lines of the dashboard)
        "role": c.get("role"),
        "path": c.get("path"),
        "kind": c.get("kind"),
        "action": c.get("action"),
        "items": c.get("items") or [],
        "items_total": c.get("items_total"),
        "before": json.loads(c["before"]) if c.get("before") else None,
        "after": json.loads(c["after"]) if c.get("after") else None,
        "reason": c.get("reason"),
        "region_ids": c.get("region_ids") or [],
    }
