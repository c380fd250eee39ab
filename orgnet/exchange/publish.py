"""What an instance publishes: its coverage summaries down to a level, counts only.

The file holds, per region down to ``level`` and per metric, the stored step functions of the
region's whole subtree (``days`` / ``covered``, and the population's ``total_days`` / ``totals``
with today's ``total``), the generation of the data they were
computed from and the fingerprints of the policies they were computed under (``policies``: one per
region under one policy, several above cities with their own, ``POLICY_FILES``; the file's ``policy``
is the default policy's, ``regional_policies`` each region's own); and the region skeleton (id, name, level, kind, parent,
code: public administrative data).
Nothing else leaves the instance: no item, no item id, no person's name.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import Policy
from orgnet.coverage.service import default_region_id
from orgnet.coverage.summaries import refresh
from orgnet.coverage.summary_rows import ORIGIN
from orgnet.coverage.summary_state import policy_fingerprint, summary_status
from orgnet.errors import InvalidInput, SummariesUnavailable
from orgnet.exchange.fileformat import FORMAT, VERSION, seal
from orgnet.graph.db import Graph
from orgnet.graph.model import LEVELS
from orgnet.graph.schema import SUMMARY_LABEL

REGIONS = """
MATCH (r:Region) WHERE r.level IN $levels
OPTIONAL MATCH (r)-[:PART_OF]->(p:Region)
RETURN r.id AS id, r.name AS name, r.level AS level, r.kind AS kind, r.code AS code, p.id AS parent_id
ORDER BY size(r.path_ids), r.id
"""

SUMMARIES = f"""
UNWIND $metrics AS metric
MATCH (st:CoverageSummaryState {{id: metric}}) WHERE st.policy = $policy
MATCH (s:{SUMMARY_LABEL}) WHERE s.metric = metric AND s.level IN $levels
RETURN metric, s.region_id AS region_id, coalesce(st.computed_generation, st.generation, 0) AS generation,
       s.total AS total, s.days AS days, s.covered AS covered, coalesce(s.policies, [s.policy]) AS policies,
       s.total_days AS total_days, s.totals AS totals
ORDER BY metric, region_id
"""


def default_source(graph: Graph) -> str:
    """The instance's name in the exchange when EXCHANGE_SOURCE is unset: its topmost region below
    the nation (a province instance publishes as its province, a city instance as its city)."""
    rows = graph.read(
        "MATCH (r:Region) WHERE r.level IN ['province', 'city'] RETURN r.id AS id ORDER BY CASE r.level WHEN 'province' THEN 0 ELSE 1 END, id LIMIT 1"
    )
    return rows[0]["id"] if rows else default_region_id(graph)


def published_levels(level: str) -> list[str]:
    """The levels a file published down to ``level`` holds, top first.

    >>> published_levels("county")[-2:]
    ['city', 'county']
    """
    names = [lvl.value for lvl in LEVELS]
    if level not in names:
        raise InvalidInput(f"Unknown level {level!r}: one of {', '.join(names)}.", errors=[{"field": "level", "reason": f"one of {', '.join(names)}"}])
    return names[: names.index(level) + 1]


def build_export(graph: Graph, *, policy: Policy, level: str, source: str | None = None, key: bytes | None = None) -> dict[str, Any]:
    """The sealed exchange file of this instance's summaries down to ``level``.

    Metrics whose summaries are not fresh (a write since the last refresh, a policy change) are
    recomputed first: a published figure is always the rule's figure on the data now.
    ``source``: the instance's name in the exchange (default: its root region's id).
    """
    levels = published_levels(level)
    status = summary_status(graph, policy=policy)
    not_fresh = [m for m, s in status.items() if not s["fresh"]]
    if not_fresh:
        report = refresh(graph, policy=policy, metrics=not_fresh)
        if report.skipped_because_written_meanwhile:
            raise SummariesUnavailable(
                f"Data was written while the summaries were recomputed for the export ({', '.join(report.skipped_because_written_meanwhile)}); export again."
            )
    fingerprint = policy_fingerprint(policy)
    regions = graph.read(REGIONS, {"levels": levels})
    summaries = [
        {
            **row,
            "days": [d.isoformat() for d in row["days"] or []],
            "covered": list(row["covered"] or []),
            # the population as of each day too (version 3): a receiver answers past days as the source does
            "total_days": [d.isoformat() for d in row["total_days"]] if row["total_days"] is not None else [ORIGIN.isoformat()] * bool(row["total"]),
            "totals": list(row["totals"]) if row["totals"] is not None else [row["total"]] * bool(row["total"]),
        }
        # not the nation's: a province's figures for it are only its own part, and several provinces
        # publish to one nation; the receiver sums its children (orgnet.exchange.receive)
        for row in graph.read(SUMMARIES, {"metrics": [m.name for m in METRICS], "levels": [lvl for lvl in levels if lvl != "nation"], "policy": fingerprint})
    ]
    data = {
        "format": FORMAT,
        "version": VERSION,
        "source": source or default_source(graph),
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "level": level,
        # the default policy's fingerprint and each region's own (POLICY_FILES): a receiver must know them all
        "policy": policy_fingerprint(policy.without_regional()),
        "regional_policies": {rid: policy_fingerprint(p) for rid, p in sorted(policy.regional.items())},
        "metrics": [m.name for m in METRICS],
        "regions": [{k: v for k, v in r.items() if v is not None} for r in regions],
        "summaries": summaries,
    }
    return seal(data, key=key)
