"""Suggested cadre pairings that close enterprise-pairing gaps (networkx min-cost flow).

The bounded subgraph comes from ``suggestions/enterprise_pairing_candidates.cypher``: one row
per enterprise under the region and missing level, with the only jurisdiction that can close
it (the enterprise region's ancestor at that level) and every cadre of that level serving
there with their active pairings.  The flow network is::

    source -> (enterprise, level)       capacity 1
    (enterprise, level) -> cadre        capacity 1, cost = hierarchy distance x 100
    cadre -> slot k -> sink             one unit per remaining pairing (policy maximum - active),
                                        cost = active + k, so load spreads evenly

A maximum flow of minimum cost closes as many gaps as capacity allows, prefers the nearest
cadre and the least loaded one; every need left without flow is listed with the reason.
Nothing is written.

>>> plan = plan_pairings(
...     [{"enterprise_id": "e1", "enterprise_name": "一厂", "kind": "non_public", "region_id": "v1",
...       "region_level": "village", "level": "town", "jurisdiction_id": "t1", "jurisdiction_name": "一镇",
...       "distance": 1, "candidates": [{"cadre_id": "c1", "cadre_name": "张三", "active_pairings": 9}]},
...      {"enterprise_id": "e2", "enterprise_name": "二厂", "kind": "non_public", "region_id": "v1",
...       "region_level": "village", "level": "town", "jurisdiction_id": "t1", "jurisdiction_name": "一镇",
...       "distance": 1, "candidates": [{"cadre_id": "c1", "cadre_name": "张三", "active_pairings": 9}]}],
...     maxima={"town": 10})
>>> [(s["enterprise_id"], s["cadre_id"]) for s in plan["suggestions"]]
[('e1', 'c1')]
>>> plan["unresolvable"][0]["enterprise_id"], plan["unresolvable"][0]["reason"][:40]
('e2', 'The remaining capacity of the town-level')
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from typing import Any

import networkx as nx

from orgnet.coverage.policies import effective_policy
from orgnet.coverage.policy import Policy
from orgnet.coverage.rollups import resolve_region
from orgnet.errors import InvalidInput
from orgnet.graph.db import Graph
from orgnet.graph.model import Level
from orgnet.queries.library import library

DISTANCE_COST = 100
# The flow network has one edge per (need, candidate cadre): at 1970-01-01 every enterprise of the
# city lacks every level, and each city-level need lists every city-level cadre, so the network
# (and the rows) grew to more than a gigabyte.  Beyond these bounds the caller is asked for a
# smaller region or a later day; the rows are fetched only up to the bound.
MAX_NEEDS = 20_000
MAX_CANDIDATE_EDGES = 300_000


def plan_pairings(rows: list[dict[str, Any]], *, maxima: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """Solve the assignment for candidate ``rows``; ``maxima`` is the policy maximum per level."""
    cadres: dict[str, dict[str, Any]] = {}
    needs = sorted(rows, key=lambda r: (r["enterprise_id"], Level(r["level"]).rank))
    for row in needs:
        for cand in row.get("candidates") or []:
            cadres.setdefault(cand["cadre_id"], {**cand, "level": row["level"]})
    for cid in sorted(cadres):
        c = cadres[cid]
        c["remaining"] = max(0, maxima.get(c["level"], 0) - c["active_pairings"])
    choice: dict[tuple[str, str], str] = {}
    for part, uniform in _independent_parts(needs):
        choice.update(_uniform_plan(part, cadres) if uniform else _flow_plan(part, cadres))

    used: dict[str, int] = defaultdict(int)
    suggestions, unresolvable = [], []
    for row in needs:
        chosen = choice.get((row["enterprise_id"], row["level"]))
        level = row["level"]
        where = f"{row['jurisdiction_name']} ({row['jurisdiction_id']})" if row.get("jurisdiction_id") else None
        if chosen is None:
            unresolvable.append(
                {
                    "enterprise_id": row["enterprise_id"],
                    "enterprise_name": row["enterprise_name"],
                    "level": level,
                    "jurisdiction_id": row.get("jurisdiction_id"),
                    "reason": _why_not(row, cadres, maxima, where),
                }
            )
            continue
        c = cadres[chosen]
        before = c["active_pairings"] + used[chosen]
        used[chosen] += 1
        suggestions.append(
            {
                "enterprise_id": row["enterprise_id"],
                "enterprise_name": row["enterprise_name"],
                "kind": row.get("kind"),
                "level": level,
                "cadre_id": chosen,
                "cadre_name": c.get("cadre_name"),
                "jurisdiction_id": row["jurisdiction_id"],
                "distance": row["distance"],
                "pairings_before": before,
                "pairings_after": before + 1,
                "maximum": maxima.get(level),
                "reason": (
                    f"Cadre {chosen} serves at the {level} level in {where}, which contains the enterprise "
                    f"({row['distance']} level(s) up); pairing brings them from {before} to {before + 1} "
                    f"of at most {maxima.get(level)} active pairings."
                ),
            }
        )
    return {"suggestions": suggestions, "unresolvable": unresolvable}


# ----------------------------------------------------------------------------- solving
# The network falls apart into independent parts: a need's candidates are the cadres of its level
# serving in its one jurisdiction, so needs of different jurisdictions share no cadre (unless a
# cadre serves in two).  Inside a part whose needs all list the same cadres, the cost of a need's
# edge does not depend on the cadre it goes to, so a greedy choice is a min-cost maximum flow:
# serve as many needs as there are free slots, the nearest first, each from the cheapest slot
# left (the least loaded cadre).  networkx's network simplex on the whole city took 35-40 s
# (3,120 needs and 52,200 candidate edges on 2000-01-01, issue 20); it now solves only the parts
# that are not uniform.


def _independent_parts(needs: list[dict[str, Any]]) -> list[tuple[list[dict[str, Any]], bool]]:
    """``needs`` grouped into parts that share no candidate cadre (each part in ``needs``' order),
    each with whether its needs all list the same cadres."""
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, row in enumerate(needs):
        groups[tuple(sorted(c["cadre_id"] for c in row.get("candidates") or []))].append(i)
    keys = list(groups)
    parent = list(range(len(keys)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_group: dict[str, int] = {}
    for g, key in enumerate(keys):
        for cid in key:
            parent[find(g)] = find(first_group.setdefault(cid, g))
    parts: dict[int, list[int]] = defaultdict(list)
    for g in range(len(keys)):
        parts[find(g)].append(g)
    return [([needs[i] for i in sorted(i for g in gs for i in groups[keys[g]])], len(gs) == 1) for gs in parts.values()]


def _uniform_plan(part: list[dict[str, Any]], cadres: dict[str, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """The min-cost maximum flow of a part whose needs share one candidate list (greedy, see above).

    >>> cadres = {"a": {"active_pairings": 0, "remaining": 2}, "b": {"active_pairings": 1, "remaining": 1}}
    >>> part = [{"enterprise_id": e, "level": "town", "distance": d, "candidates": [{"cadre_id": "a"}, {"cadre_id": "b"}]}
    ...         for e, d in (("e1", 2), ("e2", 1), ("e3", 1), ("e4", 1))]
    >>> sorted(_uniform_plan(part, cadres).items())
    [(('e2', 'town'), 'a'), (('e3', 'town'), 'a'), (('e4', 'town'), 'b')]
    """
    slots = [(cadres[c["cadre_id"]]["active_pairings"], c["cadre_id"]) for c in part[0].get("candidates") or [] if cadres[c["cadre_id"]]["remaining"] > 0]
    heapq.heapify(slots)
    used: dict[str, int] = defaultdict(int)
    served = sorted(part, key=lambda r: (int(r["distance"] or 0), r["enterprise_id"]))[: sum(cadres[c]["remaining"] for _, c in slots)]
    out: dict[tuple[str, str], str] = {}
    for row in sorted(served, key=lambda r: r["enterprise_id"]):
        cost, cid = heapq.heappop(slots)
        out[(row["enterprise_id"], row["level"])] = cid
        used[cid] += 1
        if used[cid] < cadres[cid]["remaining"]:
            heapq.heappush(slots, (cost + 1, cid))
    return out


def _flow_plan(part: list[dict[str, Any]], cadres: dict[str, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """The min-cost maximum flow of a part by networkx (the network in this module's docstring)."""
    g = nx.DiGraph()
    g.add_node("source")
    g.add_node("sink")
    mine: set[str] = set()
    for row in part:
        need = ("need", row["enterprise_id"], row["level"])
        g.add_edge("source", need, capacity=1, weight=0)
        for cand in row.get("candidates") or []:
            mine.add(cand["cadre_id"])
            g.add_edge(need, ("cadre", cand["cadre_id"]), capacity=1, weight=int(row["distance"] or 0) * DISTANCE_COST)
    for cid in sorted(mine):
        c = cadres[cid]
        for k in range(c["remaining"]):
            slot = ("slot", cid, k)
            g.add_edge(("cadre", cid), slot, capacity=1, weight=c["active_pairings"] + k)
            g.add_edge(slot, "sink", capacity=1, weight=0)
    flow = nx.max_flow_min_cost(g, "source", "sink")
    out: dict[tuple[str, str], str] = {}
    for row in part:
        need = ("need", row["enterprise_id"], row["level"])
        chosen = next((node[1] for node, f in sorted(flow.get(need, {}).items()) if f > 0), None)
        if chosen is not None:
            out[(row["enterprise_id"], row["level"])] = chosen
    return out


def _why_not(row: dict[str, Any], cadres: dict[str, dict[str, Any]], maxima: dict[str, int], where: str | None) -> str:
    level = row["level"]
    if not row.get("jurisdiction_id"):
        return f"The enterprise is located above the {level} level, so no {level}-level jurisdiction contains it."
    cands = row.get("candidates") or []
    if not cands:
        return f"No {level}-level cadre serves in {where}."
    if all(cadres[c["cadre_id"]]["remaining"] == 0 for c in cands):
        return f"Every {level}-level cadre serving in {where} ({len(cands)}) already holds the maximum of {maxima.get(level)} active pairings."
    spare = sum(cadres[c["cadre_id"]]["remaining"] for c in cands)
    return f"The remaining capacity of the {level}-level cadres serving in {where} ({spare} pairing(s)) is taken by other suggestions."


# The library query's rows, fetched grouped by jurisdiction and level: each row repeats its
# jurisdiction's candidate list, and at the city on an early day 3,120 rows carried 52,200
# candidate maps (most of the request's second); grouped, each list crosses the wire once.
_GROUPED = """CALL () {{
{body}
LIMIT $max_needs
}}
WITH jurisdiction_id, jurisdiction_name, level, candidates,
     collect([enterprise_id, enterprise_name, kind, region_id, region_level, distance]) AS needs
RETURN jurisdiction_id, jurisdiction_name, level, candidates, needs"""
_NEED_FIELDS = ("enterprise_id", "enterprise_name", "kind", "region_id", "region_level", "distance")


def _candidate_rows(graph: Graph, values: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    """The rows of ``suggestions/enterprise_pairing_candidates`` (at most :data:`MAX_NEEDS`, in its
    order) and whether there were more."""
    query = library().get("suggestions/enterprise_pairing_candidates")
    params = {**query.bind(values, strict=False), "max_needs": MAX_NEEDS + 1}
    rows = [
        {**dict(zip(_NEED_FIELDS, need, strict=True)), "level": g["level"], "jurisdiction_id": g["jurisdiction_id"],
         "jurisdiction_name": g["jurisdiction_name"], "candidates": g["candidates"]}
        for g in graph.read(_GROUPED.format(body=query.body.strip()), params)
        for need in g["needs"]
    ]  # fmt: skip
    rows.sort(key=lambda r: (r["enterprise_id"], -int(r["distance"] or 0)))  # the query's order
    return rows[:MAX_NEEDS], len(rows) > MAX_NEEDS


def suggest_enterprise_pairings(
    graph: Graph, *, region_id: str | None = None, as_of: dt.date | None = None, policy: Policy, personal: bool = False
) -> dict[str, Any]:
    """Pairings that would close the enterprise-pairing gaps under the region; nothing is written."""
    as_of = as_of or dt.date.today()
    region = resolve_region(graph, region_id=region_id)
    # the policy of the region's city (POLICY_FILES); a region above cities with different ones: 409
    policy = effective_policy(graph, policy=policy, region_id=region["id"])
    values = {**policy.query_params(), "region": region["id"], "as_of": as_of.isoformat()}
    rows, more = _candidate_rows(graph, values)
    edges = sum(len(r.get("candidates") or []) for r in rows)
    if more or edges > MAX_CANDIDATE_EDGES:
        raise InvalidInput(
            f"Too many missing pairings to plan at once under {region['id']} on {as_of.isoformat()} "
            f"(more than {MAX_NEEDS:,} needs or {MAX_CANDIDATE_EDGES:,} candidate pairings); choose a region lower down or a later day.",
            errors=[{"field": "region", "reason": "too many missing pairings to plan at once"}],
        )
    maxima = {lvl.value: n for lvl, n in policy.cadre_load.max_active_pairings.items()}
    plan = plan_pairings(rows, maxima=maxima)
    if not personal:
        for s in plan["suggestions"]:
            s["cadre_name"] = None
    return {"region": region, "as_of": as_of.isoformat(), "needs": len(rows), **plan}
