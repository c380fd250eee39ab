"""The figures of regions an exchange file names without figures: the sum of their children's.

The nation above several provinces is one: each source publishes only its own part, so the
receiver sums the children it holds (deepest first), covered counts and populations alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from orgnet.coverage.summary_rows import ORIGIN, step_events, step_function
from orgnet.coverage.summary_state import label
from orgnet.graph.db import Graph
from orgnet.graph.model import Region
from orgnet.graph.schema import SUMMARY_LABEL

CHILD_SUMMARIES = f"""
UNWIND $metrics AS metric
MATCH (c:Region)-[:PART_OF]->(:Region {{id: $id}})
MATCH (s:{SUMMARY_LABEL} {{id: metric + ':' + c.id}})
RETURN metric, s.total AS total, s.days AS days, s.covered AS covered, coalesce(s.policies, [s.policy]) AS policies,
       s.total_days AS total_days, s.totals AS totals
"""

WRITE_AGGREGATE = f"""
MATCH (r:Region {{id: $id}})
UNWIND $rows AS row
MERGE (s:{SUMMARY_LABEL} {{id: row.metric + ':' + r.id}})
SET s += row, s.region_id = r.id, s.level = r.level, s.city_id = r.city_id, s.county_id = r.county_id, s.town_id = r.town_id,
    s.source = 'sum of received children', s.computed_at = datetime(), s.received_at = datetime()
"""


def aggregate_ancestors(graph: Graph, *, regions: Sequence[Region], have: set[str], metrics: list[str], fingerprint: str) -> int:
    """Summaries of the regions a file describes without figures (the nation: several sources share
    it) as the sum of their children's summaries on this instance, deepest first.  Returns how many
    regions were summed."""
    depth = {r.id: 0 for r in regions}
    parents = {r.id: r.parent_id for r in regions}
    for rid in depth:
        p = parents[rid]
        while p is not None:
            depth[rid] += 1
            p = parents.get(p)
    todo = sorted((r for r in depth if r not in have), key=lambda r: -depth[r])
    for rid in todo:
        events: dict[str, list[tuple[dt.date, int]]] = {m: [] for m in metrics}
        entered: dict[str, list[tuple[dt.date, int]]] = {m: [] for m in metrics}
        totals = dict.fromkeys(metrics, 0)
        policies: dict[str, set[str]] = {m: set() for m in metrics}
        for row in graph.read(CHILD_SUMMARIES, {"metrics": metrics, "id": rid}):
            events[row["metric"]] += step_events(row["days"], row["covered"])
            totals[row["metric"]] += row["total"]
            if row["total_days"] is not None:
                entered[row["metric"]] += step_events(row["total_days"], row["totals"])
            elif row["total"]:
                entered[row["metric"]].append((ORIGIN, row["total"]))
            policies[row["metric"]].update(p for p in row["policies"] if p)
        rows = []
        for m in metrics:
            days, covered = step_function(events[m])
            total_days, population = step_function(entered[m])
            named = sorted(policies[m]) or [fingerprint]
            rows.append(
                {
                    "metric": m,
                    "policy": label(named),
                    "policies": named,
                    "total": totals[m],
                    "days": days,
                    "covered": covered,
                    "total_days": total_days,
                    "totals": population,
                    "own_total": 0,
                    "own_days": [],
                    "own_covered": [],
                    "own_total_days": [],
                    "own_totals": [],
                }
            )
        graph.write(WRITE_AGGREGATE, {"id": rid, "rows": rows})
    return len(todo)
