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
from collections import defaultdict
from typing import Any

import networkx as nx

from orgnet.coverage.policies import effective_policy
from orgnet.coverage.policy import Policy
from orgnet.coverage.rollups import resolve_region
from orgnet.errors import InvalidInput
from orgnet.graph.db import Graph
from orgnet.graph.model import Level
from orgnet.queries.library import library, run_query

DISTANCE_COST = 100
# The flow network has one edge per (need, candidate cadre): at 1970-01-01 every enterprise of the
# city lacks every level, and each city-level need lists every city-level cadre, so the network
# (and the rows) grew to more than a gigabyte.  Beyond these bounds the caller is asked for a
# smaller region or a later day; the rows are fetched only up to the bound.
MAX_NEEDS = 20_000
MAX_CANDIDATE_EDGES = 300_000


def plan_pairings(rows: list[dict[str, Any]], *, maxima: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """Solve the assignment for candidate ``rows``; ``maxima`` is the policy maximum per level.

    Each group of needs that shares cadres (in practice one jurisdiction and level) is solved on
    its own: a min-cost flow has many optima of equal cost, and the one network simplex returns
    depends on every node of the network, so a write in one town (an applied suggestion) changed
    the suggestions of every other town.  Solved apart, in id order, a group's suggestions
    depend on its own needs and cadres only.
    """
    cadres: dict[str, dict[str, Any]] = {}
    needs = sorted(rows, key=lambda r: (r["enterprise_id"], Level(r["level"]).rank))
    links = nx.Graph()
    for row in needs:
        need = ("need", row["enterprise_id"], row["level"])
        links.add_node(need)
        for cand in row.get("candidates") or []:
            cadres.setdefault(cand["cadre_id"], {**cand, "level": row["level"]})
            links.add_edge(need, ("cadre", cand["cadre_id"]))
    for c in cadres.values():
        c["remaining"] = max(0, maxima.get(c["level"], 0) - c["active_pairings"])
    flow: dict[Any, dict[Any, int]] = {}
    by_need = {("need", r["enterprise_id"], r["level"]): r for r in needs}
    for group in sorted((sorted(c) for c in nx.connected_components(links)), key=lambda nodes: nodes[0]):
        flow.update(_solve([by_need[n] for n in group if n[0] == "need"], cadres))

    used: dict[str, int] = defaultdict(int)
    suggestions, unresolvable = [], []
    for row in needs:
        need = ("need", row["enterprise_id"], row["level"])
        chosen = next((node[1] for node, f in sorted(flow.get(need, {}).items()) if f > 0), None)
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


def _solve(needs: list[dict[str, Any]], cadres: dict[str, dict[str, Any]]) -> dict[Any, dict[Any, int]]:
    """The min-cost flow of one group of needs (sorted) and the cadres they share."""
    if not needs:
        return {}
    g = nx.DiGraph()
    g.add_node("source")
    g.add_node("sink")
    mine: set[str] = set()
    for row in needs:
        need = ("need", row["enterprise_id"], row["level"])
        g.add_edge("source", need, capacity=1, weight=0)
        for cand in sorted(row.get("candidates") or [], key=lambda c: c["cadre_id"]):
            mine.add(cand["cadre_id"])
            g.add_edge(need, ("cadre", cand["cadre_id"]), capacity=1, weight=int(row["distance"] or 0) * DISTANCE_COST)
    for cid in sorted(mine):
        c = cadres[cid]
        for k in range(c["remaining"]):
            slot = ("slot", cid, k)
            g.add_edge(("cadre", cid), slot, capacity=1, weight=c["active_pairings"] + k)
            g.add_edge(slot, "sink", capacity=1, weight=0)
    return nx.max_flow_min_cost(g, "source", "sink")


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


def suggest_enterprise_pairings(
    graph: Graph, *, region_id: str | None = None, as_of: dt.date | None = None, policy: Policy, personal: bool = False
) -> dict[str, Any]:
    """Pairings that would close the enterprise-pairing gaps under the region; nothing is written."""
    as_of = as_of or dt.date.today()
    region = resolve_region(graph, region_id=region_id)
    # the policy of the region's city (POLICY_FILES); a region above cities with different ones: 409
    policy = effective_policy(graph, policy=policy, region_id=region["id"])
    values = {**policy.query_params(), "region": region["id"], "as_of": as_of.isoformat()}
    rows, more = run_query(graph, library().get("suggestions/enterprise_pairing_candidates"), values, max_rows=MAX_NEEDS)
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
