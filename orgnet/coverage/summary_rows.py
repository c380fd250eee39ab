"""The rows of stored coverage summaries, computed: step functions of the day, a region's own
and subtree rows from the ``timeline/<metric>`` rows, and the incremental rows of some regions and
their ancestors from their stored rows (:mod:`orgnet.coverage.summaries` writes them).  Pure
arithmetic: nothing here talks to Neo4j.

>>> step_function([(dt.date(2020, 2, 1), 3), (dt.date(1, 1, 1), 2), (dt.date(2020, 2, 1), -1)])
([datetime.date(1, 1, 1), datetime.date(2020, 2, 1)], [2, 4])
>>> value_on([dt.date(1, 1, 1), dt.date(2020, 2, 1)], [2, 4], dt.date(2020, 1, 31))
2
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from orgnet.coverage.policy import Policy
from orgnet.coverage.summary_state import label, policy_fingerprint, region_policies

ORIGIN = dt.date(1, 1, 1)
"""The first day of every step function: what is covered from the start."""


def step_function(events: Iterable[tuple[dt.date, int]]) -> tuple[list[dt.date], list[int]]:
    """``(days, covered)`` from ``(day, delta)`` events: deltas of a day summed, days sorted,
    days whose net change is zero dropped; ``covered[i]`` holds from ``days[i]`` on."""
    net: dict[dt.date, int] = defaultdict(int)
    for day, delta in events:
        net[day] += delta
    days, covered, running = [], [], 0
    for day in sorted(net):
        if net[day]:
            running += net[day]
            days.append(day)
            covered.append(running)
    return days, covered


def value_on(days: Sequence[dt.date], covered: Sequence[int], day: dt.date) -> int:
    """The step function's value on ``day`` (0 before its first day)."""
    i = bisect.bisect_right(days, day)
    return covered[i - 1] if i else 0


def population_events(timeline: dict[str, Any]) -> list[tuple[dt.date, int]]:
    """The ``(day, delta)`` events of a timeline row's population (its ``entered``: the days items
    enter it, docs/design.md §3); a row without them has every item from the start.

    >>> population_events({"total": 2, "entered": [{"day": dt.date(2020, 3, 1), "delta": 2}]})
    [(datetime.date(2020, 3, 1), 2)]
    >>> population_events({"total": 2})
    [(datetime.date(1, 1, 1), 2)]
    """
    if "entered" in timeline and timeline["entered"] is not None:
        return [(e["day"], e["delta"]) for e in timeline["entered"]]
    return [(ORIGIN, timeline["total"])] if timeline["total"] else []


def summary_rows(
    metric: str, regions: list[dict[str, Any]], timelines: list[dict[str, Any]], fingerprint: str, policies: dict[str, list[str]] | None = None
) -> list[dict[str, Any]]:
    """The summary node of every region: own step function from its timeline row, subtree step
    function from the own events of every region whose ancestor path contains it.  ``policies``:
    per region, the fingerprints its figures were computed under (:func:`policy_labels`; default:
    ``fingerprint`` for every region); the node's ``policy`` is the one of them or :data:`MIXED`."""
    own = {t["region_id"]: t for t in timelines}
    subtree_events: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    subtree_entered: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    subtree_total: dict[str, int] = defaultdict(int)
    for r in regions:
        t = own.get(r["id"])
        if t is None:
            continue
        ancestors = set(r["path_ids"] or []) | {r["id"]}
        for a in ancestors:
            subtree_total[a] += t["total"]
            subtree_events[a] += [(e["day"], e["delta"]) for e in t["events"]]
            subtree_entered[a] += population_events(t)
    rows = []
    for r in regions:
        t = own.get(r["id"]) or {"total": 0, "events": []}
        own_days, own_covered = step_function((e["day"], e["delta"]) for e in t["events"])
        own_total_days, own_totals = step_function(population_events(t))
        days, covered = step_function(subtree_events[r["id"]])
        total_days, totals = step_function(subtree_entered[r["id"]])
        rows.append(
            {
                "id": f"{metric}:{r['id']}",
                "metric": metric,
                "region_id": r["id"],
                "level": r["level"],
                "city_id": r["city_id"],
                "county_id": r["county_id"],
                "town_id": r["town_id"],
                "policy": label(policies[r["id"]]) if policies else fingerprint,
                "policies": policies[r["id"]] if policies else [fingerprint],
                "total": subtree_total[r["id"]],
                "days": days,
                "covered": covered,
                "total_days": total_days,
                "totals": totals,
                "own_total": t["total"],
                "own_days": own_days,
                "own_covered": own_covered,
                "own_total_days": own_total_days,
                "own_totals": own_totals,
            }
        )
    return rows


def step_events(days: Sequence[dt.date], covered: Sequence[int], sign: int = 1) -> list[tuple[dt.date, int]]:
    """The ``(day, delta)`` events of a step function (times ``sign``): :func:`step_function`'s inverse.

    >>> d = [dt.date(1, 1, 1), dt.date(2020, 2, 1)]
    >>> step_function(step_events(d, [2, 4]))
    ([datetime.date(1, 1, 1), datetime.date(2020, 2, 1)], [2, 4])
    >>> step_function(step_events(d, [2, 4]) + step_events(d, [2, 4], -1))
    ([], [])
    """
    out, previous = [], 0
    for day, value in zip(days or [], covered or [], strict=True):
        out.append((day, sign * (value - previous)))
        previous = value
    return out


def policy_groups(policy: Policy, regions: dict[str, dict[str, Any]]) -> list[tuple[dict[str, Any], list[str]]]:
    """The named regions grouped by the policy their own items follow: ``[(query params, ids)]``."""
    own = region_policies(policy, list(regions.values()))
    groups: dict[str, list[str]] = defaultdict(list)
    for rid in sorted(regions):
        groups[policy_fingerprint(own[rid])].append(rid)
    return [(own[ids[0]].query_params(), ids) for _, ids in sorted(groups.items())]


def derivable(stored: dict[str, dict[str, Any]], regions: dict[str, dict[str, Any]], targets: list[str]) -> bool:
    """Whether the new summaries can be derived from the stored ones: every target has one, and
    no named region moved in the tree (its old ancestors are not known here)."""
    if set(stored) != set(targets):
        return False
    return all(
        (stored[rid]["level"], stored[rid]["city_id"], stored[rid]["county_id"], stored[rid]["town_id"])
        == (r["level"], r["city_id"], r["county_id"], r["town_id"])
        for rid, r in regions.items()
    )


def incremental_rows(
    metric: str,
    regions: dict[str, dict[str, Any]],
    targets: list[str],
    stored: dict[str, dict[str, Any]],
    timelines: dict[str, dict[str, Any]],
    fingerprint: str,
) -> list[dict[str, Any]]:
    """The new summary rows of ``targets`` (the named ``regions`` and their ancestors; see
    :func:`refresh_regions`) from their ``stored`` rows and the named regions' new ``timelines``."""
    subtree_events: dict[str, list[tuple[dt.date, int]]] = {t: step_events(stored[t]["days"], stored[t]["covered"]) for t in targets}
    subtree_entered = {t: step_events(*stored_totals(stored[t], "")) for t in targets}
    subtree_total = {t: stored[t]["total"] for t in targets}
    own: dict[str, tuple[int, list[dt.date], list[int], list[dt.date], list[int]]] = {}
    for rid, r in regions.items():
        s, t = stored[rid], timelines.get(rid) or {"total": 0, "events": []}
        own_days, own_covered = step_function((e["day"], e["delta"]) for e in t["events"])
        own_total_days, own_totals = step_function(population_events(t))
        own[rid] = (t["total"], own_days, own_covered, own_total_days, own_totals)
        change = step_events(s["own_days"], s["own_covered"], -1) + step_events(own_days, own_covered)
        entered = step_events(*stored_totals(s, "own_"), -1) + step_events(own_total_days, own_totals)
        for a in {rid, *(r["path_ids"] or [])}:
            subtree_events[a] += change
            subtree_entered[a] += entered
            subtree_total[a] += t["total"] - s["own_total"]
    out = []
    for rid in targets:
        s = stored[rid]
        days, covered = step_function(subtree_events[rid])
        total_days, totals = step_function(subtree_entered[rid])
        own_total, own_days, own_covered, own_total_days, own_totals = own.get(rid) or (
            s["own_total"],
            s["own_days"],
            s["own_covered"],
            *stored_totals(s, "own_"),
        )
        out.append(
            {
                "id": f"{metric}:{rid}",
                "metric": metric,
                "region_id": rid,
                "level": s["level"],
                "city_id": s["city_id"],
                "county_id": s["county_id"],
                "town_id": s["town_id"],
                # a region's policies change only with the configuration, whose change leaves no metric derivable
                "policy": s.get("policy") or fingerprint,
                "policies": s.get("policies") or [fingerprint],
                "total": subtree_total[rid],
                "days": days,
                "covered": covered,
                "total_days": total_days,
                "totals": totals,
                "own_total": own_total,
                "own_days": own_days,
                "own_covered": own_covered,
                "own_total_days": own_total_days,
                "own_totals": own_totals,
            }
        )
    return out


def stored_totals(stored: dict[str, Any], prefix: str) -> tuple[list[dt.date], list[int]]:
    """A stored summary's population step function (``own_`` or subtree); a summary written without
    one (received through the exchange) has its total from the start."""
    days, totals = stored.get(f"{prefix}total_days"), stored.get(f"{prefix}totals")
    if days is None or totals is None:
        total = stored[f"{prefix}total"]
        return ([ORIGIN], [total]) if total else ([], [])
    return days, totals
