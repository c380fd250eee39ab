"""Alerts: what a rule opened for a region, and their lifecycle open → acknowledged → resolved.

At most one alert per rule and region is not resolved at a time (the rule's watch of the region
holds its id: a breach that goes on opens nothing more, so no storms).  Opening and resolving are
the dispatcher's (:mod:`orgnet.events.evaluate`: resolved when coverage recovers); acknowledging is
a planner's or an admin's, inside their scope.  Each step is a change in the audit trail
(``kind: alerts``) and an event in the outbox (``alert.opened``, ``alert.acknowledged``,
``alert.resolved``) written in the same transaction, with a snapshot of the alert as it was then.
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

from orgnet.errors import Conflict, InvalidInput, NotFound
from orgnet.events import outbox
from orgnet.events.labels import ALERT_LABEL, RULE_LABEL, WATCH_LABEL, dumps
from orgnet.graph.db import Graph
from orgnet.writes import changes

MAX_ALERTS_PAGE = 500
States = Literal["active", "open", "acknowledged", "resolved", "all"]
STATE_FILTER = {"active": ["open", "acknowledged"], "open": ["open"], "acknowledged": ["acknowledged"], "resolved": ["resolved"], "all": None}
FIELDS = (
    "id",
    "rule_id",
    "rule_name",
    "region_id",
    "region_name",
    "metric",
    "kind",
    "state",
    "threshold",
    "opened_at",
    "acknowledged_at",
    "acknowledged_by",
    "resolved_at",
    "resolution",
)


def public(row: dict[str, Any]) -> dict[str, Any]:
    """An alert as JSON (``value``, ``items``, ``opened_value`` decoded)."""
    import json

    out = {k: row.get(k) for k in FIELDS}
    for key in ("opened_at", "acknowledged_at", "resolved_at"):
        if hasattr(out[key], "isoformat"):
            out[key] = out[key].isoformat()
    for key in ("value", "opened_value", "items"):
        raw = row.get(key)
        out[key] = json.loads(raw) if isinstance(raw, str) else raw
    out["items"] = out["items"] or []
    out["path_ids"] = list(row.get("scope_ids") or [])
    return out


def snapshot(alert: dict[str, Any]) -> str:
    return dumps(alert)


def _audit(alert: dict[str, Any], action: str, *, account: str | None, role: str | None, path: str) -> tuple[str, dict[str, Any]]:
    return changes.append_statement(
        [
            changes.change(
                kind="alerts",
                action=action,
                items=[alert["id"]],
                path=path,  # type: ignore[arg-type]
                account=account,
                role=role,
                after={k: alert.get(k) for k in ("rule_id", "rule_name", "metric", "state", "value", "acknowledged_by", "resolution")},
                region_ids=[alert["region_id"]],
            )
        ]
    )


def _event(alert: dict[str, Any], kind: str) -> tuple[str, dict[str, Any]]:
    return outbox.enqueue_other(kind, {"alert_id": alert["id"], "alert": snapshot(alert), "region_ids": [alert["region_id"]], "metrics": [alert["metric"]]})


def open_statements(alert: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Create the alert (``alert``: :func:`new_alert`), its audit change and its ``alert.opened`` event."""
    stored = {k: v for k, v in alert.items() if k not in ("value", "opened_value", "items", "path_ids")}
    stored.update(value=dumps(alert["value"]), opened_value=dumps(alert["value"]), items=dumps(alert["items"]), scope_ids=alert["path_ids"])
    return [
        (f"CREATE (a:{ALERT_LABEL}) SET a = $props", {"props": stored}),
        (f"MATCH (w:{WATCH_LABEL} {{id: $watch}}) SET w.open_alert = $id", {"watch": watch_id(alert["rule_id"], alert["region_id"]), "id": alert["id"]}),
        _audit(alert, "open", account=None, role=None, path="events"),
        _event(alert, "alert.opened"),
    ]


def resolve_statements(alert: dict[str, Any], *, resolution: str, by: str | None = None) -> list[tuple[str, dict[str, Any]]]:
    """Resolve an alert still open or acknowledged (a resolved one is left as it is)."""
    resolved = {**alert, "state": "resolved", "resolution": resolution, "resolved_at": now_iso()}
    return [
        (
            f"MATCH (a:{ALERT_LABEL} {{id: $id}}) WHERE a.state <> 'resolved' "
            "SET a.state = 'resolved', a.resolved_at = $at, a.resolution = $resolution, a.value = $value, a.resolved_by = $by",
            {"id": alert["id"], "at": resolved["resolved_at"], "resolution": resolution, "value": dumps(alert["value"]), "by": by},
        ),
        (
            f"MATCH (w:{WATCH_LABEL} {{id: $watch}}) WHERE w.open_alert = $id SET w.open_alert = null",
            {"watch": watch_id(alert["rule_id"], alert["region_id"]), "id": alert["id"]},
        ),
        _audit(resolved, "resolve", account=None, role=None, path="events"),
        _event(resolved, "alert.resolved"),
    ]


def update_statement(alert_id: str, *, value: dict[str, Any], items: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """A still-open alert's current value and items (no new notification: one alert per breach)."""
    return f"MATCH (a:{ALERT_LABEL} {{id: $id}}) WHERE a.state <> 'resolved' SET a.value = $value, a.items = $items", {
        "id": alert_id,
        "value": dumps(value),
        "items": dumps(items),
    }


def now_iso() -> str:
    import datetime as dt

    return dt.datetime.now(dt.UTC).isoformat()


def watch_id(rule_id: str, region_id: str) -> str:
    return f"{rule_id}|{region_id}"


def new_alert(rule: dict[str, Any], region: dict[str, Any], *, value: dict[str, Any], threshold: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": "alert-" + uuid.uuid4().hex[:16],
        "rule_id": rule["id"],
        "rule_name": rule["name"],
        "region_id": region["id"],
        "region_name": region.get("name"),
        "metric": rule["metric"],
        "kind": rule["kind"],
        "state": "open",
        "threshold": threshold,
        "opened_at": now_iso(),
        "acknowledged_at": None,
        "acknowledged_by": None,
        "resolved_at": None,
        "resolution": None,
        "value": value,
        "opened_value": value,
        "items": items,
        "owner": rule.get("owner"),
        "path_ids": [*(region.get("path_ids") or []), region["id"]],
    }


def get_alert(graph: Graph, alert_id: str) -> dict[str, Any]:
    rows = graph.read(f"MATCH (a:{ALERT_LABEL} {{id: $id}}) RETURN properties(a) AS a", {"id": alert_id})
    if not rows:
        raise NotFound("No such alert.")
    return public(rows[0]["a"])


def list_alerts(
    graph: Graph, *, scope: tuple[str, ...] | None, state: str = "active", region: str | None = None, after: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Alerts of regions in ``scope`` (None: all) and under ``region``, newest first (by id after ``after``)."""
    if state not in STATE_FILTER:
        raise InvalidInput("Unknown state.", errors=[{"field": "state", "reason": f"one of {', '.join(STATE_FILTER)}"}])
    rows = graph.read(
        f"MATCH (a:{ALERT_LABEL}) WHERE ($states IS NULL OR a.state IN $states) AND ($region IS NULL OR $region IN a.scope_ids) "
        "AND ($scope IS NULL OR any(s IN $scope WHERE s IN a.scope_ids)) AND ($after IS NULL OR a.opened_at + a.id < $after) "
        "RETURN properties(a) AS a ORDER BY a.opened_at + a.id DESC LIMIT $limit",
        {
            "states": STATE_FILTER[state],
            "region": region,
            "scope": list(scope) if scope is not None else None,
            "after": after,
            "limit": min(limit, MAX_ALERTS_PAGE),
        },
    )
    return [public(r["a"]) for r in rows]


ACK = f"""
MATCH (a:{ALERT_LABEL} {{id: $id}})
SET a._lock = true REMOVE a._lock
WITH a, a.state AS was
SET a.state = CASE WHEN was = 'open' THEN 'acknowledged' ELSE was END,
    a.acknowledged_at = CASE WHEN was = 'open' THEN $at ELSE a.acknowledged_at END,
    a.acknowledged_by = CASE WHEN was = 'open' THEN $by ELSE a.acknowledged_by END
RETURN was, properties(a) AS a
"""


def acknowledge(graph: Graph, alert_id: str, *, account: str | None, role: str | None, path: str = "api") -> dict[str, Any]:
    """Acknowledge an open alert (409 when it is acknowledged or resolved already); audited, and an
    ``alert.acknowledged`` event, in one transaction."""
    by = account or (f"role:{role}" if role else path)

    def work(tx: Any) -> dict[str, Any]:
        row = tx.run(ACK, {"id": alert_id, "at": now_iso(), "by": by}).single()
        if row is None:
            raise NotFound("No such alert.")
        alert = public(dict(row["a"]))
        if row["was"] != "open":
            raise Conflict(
                f"The alert is {row['was']} already" + (f" (by {alert['acknowledged_by']})." if row["was"] == "acknowledged" else "."),
                errors=[{"field": "state", "reason": row["was"]}],
            )
        for query, params in (_audit(alert, "acknowledge", account=account, role=role, path=path), _event(alert, "alert.acknowledged")):
            tx.run(query, params).consume()
        return alert

    return graph.transact(work)


def resolve_for_deleted_rule(rule_id: str, *, by: str) -> list[tuple[str, dict[str, Any]]]:
    """Statements that resolve a deleted rule's alerts (``resolution: rule_deleted``) with their events
    (no snapshot: the dispatcher reads the alert as resolved; the rule's deletion is the audited change)."""
    return [
        (
            f"""MATCH (a:{ALERT_LABEL} {{rule_id: $rule}}) WHERE a.state <> 'resolved'
SET a.state = 'resolved', a.resolved_at = $at, a.resolution = 'rule_deleted', a.resolved_by = $by
CREATE (x:{outbox.OUTBOX_LABEL} {{id: randomUUID(), type: 'alert.resolved', alert_id: a.id, region_ids: [a.region_id], metrics: [a.metric],
  at: datetime(), status: 'pending'}})""",
            {"rule": rule_id, "at": now_iso(), "by": by},
        )
    ]


def rule_exists(graph: Graph, rule_id: str) -> bool:
    return bool(graph.read(f"MATCH (r:{RULE_LABEL} {{id: $id}}) RETURN r.id AS id", {"id": rule_id}))
