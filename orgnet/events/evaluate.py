"""Evaluating alert rules for one event: which rules and regions, their coverage now, what to do.

The rules an event concerns are those of its metrics on a changed region or above one (every rule
of its metrics when its reach is unknown) whose day lies in the days the change can touch.  Their
coverage is read in batches (:func:`orgnet.coverage.series.many_regions`: the stored summaries
when fresh, else the live rollups), ``new_gap`` rules read their gap list filtered by reason.  Then
:func:`decide` says, per rule and region, whether to open, update or resolve its alert, from what
the rule's watch of the region remembers (the alert it holds open, the values seen, the gaps known).
:func:`evaluate` returns the statements the dispatcher runs in one transaction with the event's
completion, so an event's decisions commit exactly once.

>>> rule = {"kind": "below", "threshold": 99.5, "threshold_ref": None}
>>> decide(rule, {"covered": 27064, "total": 27200}, {}, now=0.0, policy_ratio=None).action is None
True
>>> decide(rule, {"covered": 27063, "total": 27200}, {}, now=0.0, policy_ratio=None).action
'open'
>>> decide(rule, {"covered": 27200, "total": 27200}, {"open_alert": "a-1"}, now=0.0, policy_ratio=None).action
'resolve'
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from orgnet.coverage.gap_filters import GapFilter, filtered_gaps
from orgnet.coverage.metrics import get_metric
from orgnet.coverage.named import hide_names_outside
from orgnet.coverage.policy import Policy
from orgnet.coverage.series import MAX_BATCH_REGIONS, many_regions
from orgnet.events import alerts
from orgnet.events.labels import WATCH_LABEL, dumps
from orgnet.events.rules import rules_for
from orgnet.graph.db import Graph, batched

NEW_GAP_MAX = 5000
"""Gaps a ``new_gap`` watch remembers per region (a larger list is watched in its first ones, by id)."""
GAP_PAGE = 1000
DAY_S = 86_400.0


@dataclass
class Decision:
    action: str | None  # open, resolve, update, or None
    watch: dict[str, Any] = field(default_factory=dict)
    value: dict[str, Any] = field(default_factory=dict)
    threshold: str = ""
    items: list[dict[str, Any]] = field(default_factory=list)


def _pct(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio * 100:.2f} %"


def _ratio(covered: int, total: int) -> float | None:
    return covered / total if total else None


def decide(rule: dict[str, Any], reading: dict[str, Any], watch: dict[str, Any], *, now: float, policy_ratio: float | None, baseline: bool = False) -> Decision:
    """What to do for one rule and region, given the coverage ``reading`` ({covered, total[, gaps]}),
    its ``watch`` ({open_alert, samples, known, opened}), the time ``now`` (epoch seconds), the
    policy's ratio for a ``threshold_ref`` rule; ``baseline``: the rule's first look (nothing falls
    from nowhere, no gap is new)."""
    covered, total = reading["covered"], reading["total"]
    ratio = _ratio(covered, total)
    value = {"covered": covered, "total": total, "ratio": None if ratio is None else round(ratio, 6), "as_of": reading.get("as_of")}
    is_open = bool(watch.get("open_alert"))
    kind = rule["kind"]
    if kind == "below":
        limit = rule["threshold"] / 100 if rule.get("threshold") is not None else policy_ratio
        threshold = f"< {rule['threshold']} %" if rule.get("threshold") is not None else f"< {rule['threshold_ref']} ({_pct(policy_ratio)})"
        breached = ratio is not None and limit is not None and ratio < limit - 1e-12
        action = "open" if breached and not is_open else "resolve" if is_open and not breached else "update" if is_open else None
        return Decision(action=action, value=value, threshold=threshold)
    if kind == "fall":
        window = now - rule["period_days"] * DAY_S
        samples = [s for s in (json.loads(x) for x in watch.get("samples") or []) if s[0] >= window]
        threshold = " or ".join(
            x for x in (f"≥ {rule['points']} points" if rule.get("points") else "", f"≥ {rule['items']} items" if rule.get("items") else "") if x
        )
        threshold = f"falls {threshold} within {rule['period_days']} days"
        if is_open:
            ref = json.loads(watch.get("opened") or "{}")
        else:
            ref = {"ratio": max((s[1] / s[2] for s in samples if s[2]), default=None), "covered": max((s[1] for s in samples), default=None)}
        fell_points = ratio is not None and ref.get("ratio") is not None and rule.get("points") and (ref["ratio"] - ratio) * 100 >= rule["points"] - 1e-9
        fell_items = ref.get("covered") is not None and rule.get("items") and ref["covered"] - covered >= rule["items"]
        breached = bool(fell_points or fell_items) and not baseline
        samples.append([now, covered, total])
        new_watch = {"samples": [json.dumps(s) for s in samples[-500:]]}
        action = "open" if breached and not is_open else "resolve" if is_open and not breached else "update" if is_open else None
        if action == "open":
            new_watch["opened"] = dumps(ref)
        value["from"] = ref
        return Decision(action=action, watch=new_watch, value=value, threshold=threshold)
    # new_gap: items that became gaps with the reason since the watch last looked
    gaps = reading.get("gaps") or {}
    known = set(watch.get("known") or [])
    threshold = f"new gap: {rule['reason']}"
    new = [] if baseline else sorted(set(gaps) - known)
    held = [i for i in json.loads(watch.get("items") or "[]") if i["id"] in gaps]
    items = held + [gaps[i] for i in new if i not in {h["id"] for h in held}]
    new_watch = {"known": sorted(gaps)[:NEW_GAP_MAX], "items": dumps(items if (is_open or new) else [])}
    action = "open" if new and not is_open else "update" if is_open and items else "resolve" if is_open else None
    return Decision(action=action, watch=new_watch, value={**value, "gaps": len(gaps), "new": len(new)}, threshold=threshold, items=items[:200])


def _day(rule: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(rule["as_of"]) if rule.get("as_of") else dt.datetime.now(dt.UTC).date()


def _in_days(day: dt.date, event: dict[str, Any]) -> bool:
    lo, hi = event.get("days_from"), event.get("days_to")
    return (lo is None or day >= dt.date.fromisoformat(lo)) and (hi is None or day <= dt.date.fromisoformat(hi))


REGIONS = """
UNWIND $ids AS id MATCH (r:Region {id: id})
RETURN r.id AS id, r.name AS name, r.level AS level, coalesce(r.path_ids, []) AS path_ids
"""
UNDER = """
MATCH (x:Region {id: $region}) MATCH (r:Region) WHERE r.level = $level AND x.id IN coalesce(r.path_ids, [])
RETURN r.id AS id
"""


def _targets(graph: Graph, rule: dict[str, Any], event: dict[str, Any], changed: dict[str, list[str]] | None) -> list[str]:
    """The regions of ``rule`` that the event can concern (``changed``: region id → its path; None: anywhere)."""
    if rule.get("level") is None:
        return [rule["region_id"]]
    if changed is None:
        return [r["id"] for r in graph.read(UNDER, {"region": rule["region_id"], "level": rule["level"]})]
    ancestors = {a for rid, path in changed.items() for a in (*path, rid)}
    regions = graph.read(REGIONS, {"ids": sorted(ancestors)})
    return [r["id"] for r in regions if r["level"] == rule["level"] and rule["region_id"] in (*r["path_ids"], r["id"])]


def _gaps(graph: Graph, *, metric: str, region_id: str, reason: str, day: dt.date, policy: Policy) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    cursor = None
    while len(out) < NEW_GAP_MAX:
        page = filtered_gaps(
            graph, metric=metric, region_id=region_id, as_of=day, policy=policy, gap_filter=GapFilter(reason=reason), limit=GAP_PAGE, cursor=cursor,
            personal=True, max_limit=GAP_PAGE,
        )  # fmt: skip
        for item in page["items"]:
            out[item["id"]] = {"id": item["id"], "name": item.get("name"), "region_id": (item.get("region_path") or [{}])[-1].get("id")}
        cursor = page.get("next_cursor")
        if not cursor:
            break
    # a record named after a person (a promotion, an application, a death on duty) names them only
    # when they lie in the alert's region: every reader of the alert (stream, webhook, e-mail,
    # GET /v1/alerts) holds that region, not necessarily the person's (orgnet/coverage/named.py)
    shown = hide_names_outside(graph, metric=get_metric(metric), items=list(out.values()), scope=(region_id,))
    return {item["id"]: item for item in shown}


WATCHES = f"UNWIND $ids AS id OPTIONAL MATCH (w:{WATCH_LABEL} {{id: id}}) RETURN id, properties(w) AS w"


def evaluate(graph: Graph, event: dict[str, Any], *, policy: Policy, now: float) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, int]]:
    """The statements that record what ``event`` makes of the alert rules, and counts of what it did."""
    baseline = event["type"] == "rule.created"
    changed = (
        None if (baseline or not event.get("reach_known")) else {r["id"]: r["path_ids"] for r in graph.read(REGIONS, {"ids": event.get("region_ids") or []})}
    )
    scope_ids = None if changed is None else sorted({a for rid, path in changed.items() for a in (*path, rid)})
    rules = rules_for(graph, metrics=event.get("metrics") or [], scope_ids=scope_ids, rule_id=event.get("rule_id") if baseline else None)
    pairs = [(rule, region) for rule in rules if baseline or _in_days(_day(rule), event) for region in _targets(graph, rule, event, changed)]
    stats = {"rules": len(rules), "pairs": len(pairs), "opened": 0, "resolved": 0}
    if not pairs:
        return [], stats
    regions = {r["id"]: r for chunk in batched(sorted({p[1] for p in pairs}), 2000) for r in graph.read(REGIONS, {"ids": chunk})}
    readings: dict[tuple[str, str, dt.date], dict[str, Any]] = {}
    wanted: dict[tuple[str, dt.date], set[str]] = defaultdict(set)
    for rule, region in pairs:
        wanted[(rule["metric"], _day(rule))].add(region)
    for (metric, day), ids in wanted.items():
        for chunk in batched(sorted(ids), MAX_BATCH_REGIONS):
            for item in many_regions(graph, metric=metric, region_ids=chunk, as_of=day, policy=policy)["items"]:
                readings[(metric, item["id"], day)] = {"covered": item["covered"], "total": item["total"], "as_of": day.isoformat()}
    watch_ids = [alerts.watch_id(rule["id"], region) for rule, region in pairs]
    watches = {r["id"]: r["w"] or {} for chunk in batched(watch_ids, 2000) for r in graph.read(WATCHES, {"ids": chunk})}
    statements: list[tuple[str, dict[str, Any]]] = []
    watch_rows = []
    for rule, region_id in pairs:
        day = _day(rule)
        reading = readings.get((rule["metric"], region_id, day))
        region = regions.get(region_id)
        if reading is None or region is None:
            continue
        if rule["kind"] == "new_gap":
            reading = {**reading, "gaps": _gaps(graph, metric=rule["metric"], region_id=region_id, reason=rule["reason"], day=day, policy=policy)}
        policy_ratio = None
        if rule.get("threshold_ref"):
            policy_ratio = getattr(policy.for_path([*region["path_ids"], region_id]).status, rule["threshold_ref"])
        watch = watches.get(alerts.watch_id(rule["id"], region_id)) or {}
        d = decide(rule, reading, watch, now=now, policy_ratio=policy_ratio, baseline=baseline)
        watch_rows.append({"id": alerts.watch_id(rule["id"], region_id), "rule_id": rule["id"], "region_id": region_id, **d.watch})
        if d.action == "open":
            alert = alerts.new_alert(rule, region, value=d.value, threshold=d.threshold, items=d.items)
            statements += alerts.open_statements(alert)
            stats["opened"] += 1
        elif d.action == "resolve":
            current = alerts.get_alert(graph, watch["open_alert"])
            statements += alerts.resolve_statements({**current, "value": d.value}, resolution="recovered")
            stats["resolved"] += 1
        elif d.action == "update":
            statements.append(alerts.update_statement(watch["open_alert"], value=d.value, items=d.items))
    # the watches first: an alert opened below records itself in its watch
    statements.insert(0, (f"UNWIND $rows AS row MERGE (w:{WATCH_LABEL} {{id: row.id}}) SET w += row", {"rows": watch_rows}))
    return statements, stats
