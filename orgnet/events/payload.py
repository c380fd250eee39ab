"""What an event says, and what each reader may see of it.

A published event (:func:`build`) says which regions, metrics and days a change touched, so that a
page can refresh exactly the figures it shows::

    {"id", "seq", "type", "at",
     "touched": {"regions": [{"id", "name", "level", "path"}], "metrics": [...], "days": {"from", "to"}, "reach_known"},
     "change": {"id", "kind", "action", "path", "account", "items", "items_total"},   # type "change"
     "alert": {...}}                                                                   # types "alert.*"

``days``: the first and last day whose coverage the change can alter (``null``: unbounded);
``reach_known`` false: the change can alter items outside ``regions`` too (an item changed in place,
a bundle), so a page should refresh every figure of the ``metrics``.

:func:`project` gives a reader (a stream client, a subscription) only the regions of its scope, and
personal data (record ids, who wrote, the names in an alert) only to those who may see it.

>>> event = {"id": "e", "type": "change", "touched": {"regions": [{"id": "v1", "path": ["c", "k1"]}, {"id": "v2", "path": ["c", "k2"]}],
...          "metrics": ["household_linkage"], "days": {"from": None, "to": None}, "reach_known": True},
...          "change": {"id": "x", "kind": "household_links", "action": "void", "items": ["m~h~2020-02-01"], "account": "p1"}}
>>> [r["id"] for r in project(event, scope=("k1",), personal=True)["touched"]["regions"]]
['v1']
>>> project(event, scope=("k1",), personal=True)["change"]["items"], project(event, scope=None, personal=False)["change"]["items"]
([], [])
>>> project(event, scope=("k3",), personal=True) is None
True
"""

from __future__ import annotations

import json
from typing import Any


def _in(path_and_id: list[str], scope: tuple[str, ...] | None) -> bool:
    return scope is None or bool(set(path_and_id) & set(scope))


def build(event: dict[str, Any], *, seq: int, regions: dict[str, dict[str, Any]], alert: dict[str, Any] | None) -> dict[str, Any]:
    """The published payload of an outbox row (``regions``: id → {name, level, path_ids})."""
    at = event.get("at")
    touched = [
        {"id": rid, "name": regions[rid].get("name"), "level": regions[rid].get("level"), "path": list(regions[rid].get("path_ids") or [])}
        for rid in event.get("region_ids") or []
        if rid in regions
    ]
    out: dict[str, Any] = {
        "id": event["id"],
        "seq": seq,
        "type": event["type"],
        "at": at.isoformat() if hasattr(at, "isoformat") else at,
        "touched": {
            "regions": touched,
            "metrics": list(event.get("metrics") or []),
            "days": {"from": event.get("days_from"), "to": event.get("days_to")},
            "reach_known": bool(event.get("reach_known", True)),
        },
    }
    if event["type"] == "change":
        out["change"] = {
            "id": event.get("change_id"),
            "kind": event.get("kind"),
            "action": event.get("action"),
            "path": event.get("path"),
            "account": event.get("account"),
            "items": list(event.get("items") or []),
            "items_total": event.get("items_total") or 0,
        }
    if alert is not None:
        out["alert"] = alert
    return out


def scope_ids(payload: dict[str, Any]) -> list[str]:
    """Every region the event touched and every region above them (what a scope filter compares)."""
    return sorted({a for r in payload["touched"]["regions"] for a in (*r["path"], r["id"])})


def project(payload: dict[str, Any], *, scope: tuple[str, ...] | None, personal: bool) -> dict[str, Any] | None:
    """What a reader with ``scope`` (None: everywhere) sees of an event; None: nothing of it is theirs."""
    regions = [r for r in payload["touched"]["regions"] if _in([*r["path"], r["id"]], scope)]
    if scope is not None and not regions:
        return None
    out = {**payload, "touched": {**payload["touched"], "regions": regions}}
    whole = len(regions) == len(payload["touched"]["regions"]) and (bool(regions) or scope is None)
    if "change" in payload:
        change = dict(payload["change"])
        if not (personal and whole):  # record ids name people; a change reaching outside the scope shows none
            change["items"] = []
        if not personal:
            change["account"] = None
        out["change"] = change
    if "alert" in payload:
        alert = dict(payload["alert"])
        alert["items"] = [{**i, "name": i.get("name") if personal else None} for i in alert.get("items") or []]
        if not personal:
            alert["acknowledged_by"] = None
            alert["owner"] = None
        out["alert"] = alert
    return out


def dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
