"""The transactional outbox: what a change triggers is written in the change's own transaction.

Every write of the write workflow (:mod:`orgnet.writes.workflow`) appends its change records and,
in the same transaction, one ``(:OutboxEvent {status: 'pending'})`` per change
(:func:`enqueue_statement`): the raw facts of what changed (kind, action, regions, metrics, the
days it can touch).  A crash before the commit leaves neither; after it, both.  The dispatcher
(:mod:`orgnet.events.dispatcher`) then publishes each pending event exactly once (a sequence
number for the live stream, deliveries queued for the subscriptions, alert rules evaluated), each
step a transaction that first checks the event's status under its lock.

Which days a change can touch (``days_from`` .. ``days_to``, ``None``: unbounded) is derived from
the records before and after: an assignment's active period, or the part of it that changed (an
end moves ``until``); an item changed in place can change any day.

>>> touched_days("household_links", None, {"since": "2020-02-11", "until": None})
('2020-02-11', None)
>>> touched_days("household_links", {"since": "2020-02-11", "until": None}, {"since": "2020-02-11", "until": "2020-03-10"})
('2020-03-11', None)
>>> touched_days("household_links", {"since": "2020-02-11", "until": "2020-03-10"}, {"since": "2020-02-11", "until": "2020-03-10", "voided": True})
('2020-02-11', '2020-03-10')
>>> touched_days("households", None, {"id": "h-1"})
(None, None)
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from typing import Any

from orgnet.coverage.metrics import METRICS
from orgnet.coverage.summaries import SECTION_METRICS
from orgnet.writes.records import ASSIGNMENTS

OUTBOX_LABEL = "OutboxEvent"
MAX_ITEMS = 200
"""Item ids an event carries (``items_total`` says how many the change had)."""

CHANGE = "change"

ENQUEUE = f"""
UNWIND $events AS e
CREATE (x:{OUTBOX_LABEL})
SET x = e, x.at = datetime(), x.status = 'pending'
"""


def metrics_of(kind: str, after: Any) -> list[str]:
    """The metrics a change of ``kind`` can change: its section's, or for a bundle (``after`` counts
    its sections) those of every section it holds; in :data:`~orgnet.coverage.metrics.METRICS` order.

    >>> metrics_of("household_links", None)
    ['household_linkage', 'member_link_load']
    >>> metrics_of("bundle", {"party_orgs": 3, "households": 2})
    ['party_org_presence', 'household_linkage']
    """
    sections = [s for s in after if s in SECTION_METRICS] if kind == "bundle" and isinstance(after, dict) else [kind]
    touched = {m for s in sections for m in SECTION_METRICS.get(s, ())}
    return [m.name for m in METRICS if m.name in touched]


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _active(record: dict[str, Any] | None) -> tuple[dt.date, dt.date] | None:
    """An assignment record's active days ``(since, until)`` (``date.max``: open), ``None`` when it counts on none."""
    if not record or record.get("voided"):
        return None
    since = _day(record.get("since")) or dt.date.min
    return since, _day(record.get("until")) or dt.date.max


def touched_days(kind: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """The first and last day whose coverage the change can alter (ISO; ``None``: unbounded)."""
    if kind not in ASSIGNMENTS:
        return None, None
    old, new = _active(before), _active(after)
    if old is None and new is None:
        return None, None
    if old is None or new is None:
        lo, hi = old or new  # type: ignore[misc]
    else:
        spans = []
        if old[0] != new[0]:
            spans.append((min(old[0], new[0]), max(old[0], new[0]) - dt.timedelta(days=1)))
        if old[1] != new[1]:
            spans.append((min(old[1], new[1]) + dt.timedelta(days=1), max(old[1], new[1])))
        if not spans:
            return None, None  # same period, other fields: any day it covers
        lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
    return (None if lo == dt.date.min else lo.isoformat()), (None if hi == dt.date.max else hi.isoformat())


def reach_known(kind: str, action: str) -> bool:
    """Whether the change's regions hold every item whose coverage it can change: an assignment's two
    ends, a new item's region; not an item changed in place (its assignments reach further) nor a bundle."""
    return kind in ASSIGNMENTS or (kind != "bundle" and action == "create")


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def event_for_change(change: dict[str, Any]) -> dict[str, Any]:
    """The outbox row of one change record (:func:`orgnet.writes.changes.change`'s parameters)."""
    before, after = _json(change.get("before")), _json(change.get("after"))
    kind, action = change["kind"], change["action"]
    days_from, days_to = touched_days(kind, before if isinstance(before, dict) else None, after if isinstance(after, dict) else None)
    return {
        "id": str(uuid.uuid4()),
        "type": CHANGE,
        "change_id": change["id"],
        "kind": kind,
        "action": action,
        "path": change.get("path"),
        "account": change.get("account"),
        "items": list(change.get("items") or [])[:MAX_ITEMS],
        "items_total": change.get("items_total") or 0,
        "region_ids": list(change.get("region_ids") or []),
        "metrics": metrics_of(kind, after),
        "days_from": days_from,
        "days_to": days_to,
        "reach_known": reach_known(kind, action),
    }


def enqueue_statement(changes: Sequence[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The statement that puts one pending event per change into the outbox; run it in the change's
    own transaction (the write workflow does, beside :func:`orgnet.writes.changes.append_statement`)."""
    return ENQUEUE, {"events": [event_for_change(c) for c in changes]}


def enqueue_other(kind: str, fields: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A pending event that is not a data change (``rule.created``, ``alert.acknowledged``, ...): its
    ``type`` and fields; run it in the transaction of what it reports."""
    return ENQUEUE, {"events": [{"id": str(uuid.uuid4()), "type": kind, "region_ids": [], "metrics": [], **fields}]}
