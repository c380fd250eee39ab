"""Stored coverage summaries: every rollup at every level without visiting every item.

A city has 1.5 million households; counting the linked ones under the city on a given day
visits all of them.  orgnet therefore stores, for every metric and every region, the
region's coverage as a **step function of the day**: the days on which the covered count
changes and the count from each of those days on (``days`` / ``covered``), for the items
located in the region itself (``own_*``) and for its whole subtree.  A rollup on any day is
then one lookup per region row, and a gap list only visits the regions whose own items are not
all covered on that day.

The step functions come from the ``timeline/<metric>`` library queries, which evaluate each
metric's rule (the same rule as ``coverage/<metric>``) on every day an item's assignments start
or end.  They are exact for every day, not a cache of one day.

Freshness: each metric has a ``CoverageSummaryState`` node with the fingerprint of the policy the
summaries were computed under, a ``stale`` flag and a ``generation`` counter.  Every orgnet write
(``orgnet.graph.loader``) sets ``stale`` and bumps ``generation`` before writing; :func:`refresh`
recomputes and clears ``stale`` only if no write marked it meanwhile.  Readers use the summaries
only when they are fresh and match the active policy, and otherwise run the live queries, so
results are always those of the rules; only their speed depends on the summaries.  Edits made
outside orgnet (e.g. in Neo4j Browser) are not seen: run ``orgnet summaries refresh`` after them.

>>> step_function([(dt.date(2020, 2, 1), 3), (dt.date(1, 1, 1), 2), (dt.date(2020, 2, 1), -1)])
([datetime.date(1, 1, 1), datetime.date(2020, 2, 1)], [2, 4])
>>> value_on([dt.date(1, 1, 1), dt.date(2020, 2, 1)], [2, 4], dt.date(2020, 1, 31))
2
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from orgnet.coverage.metrics import METRICS, get_metric
from orgnet.coverage.policy import Policy
from orgnet.graph.db import Graph, batched
from orgnet.graph.model import Bundle
from orgnet.queries.library import library, run_query

log = logging.getLogger(__name__)

ORIGIN = dt.date(1, 1, 1)
"""The first day of every step function: what is covered from the start."""
SUMMARY_LABEL = "CoverageSummary"
STATE_LABEL = "CoverageSummaryState"
REGIONS_PER_CALL = 200
"""Regions per timeline query (about 120,000 households at city scale): few round trips, bounded memory."""
REFRESH_TIMEOUT_S = 900.0

SECTION_METRICS: dict[str, tuple[str, ...]] = {
    "regions": tuple(m.name for m in METRICS),
    "party_orgs": ("party_org_presence",),
    "cadres": ("cadre_load", "enterprise_pairing"),
    "enterprises": ("enterprise_pairing",),
    "pairings": ("enterprise_pairing", "cadre_load"),
    "supervisions": (),
    "central_households": ("central_household_size",),
    "party_members": ("member_link_load", "central_household_size", "community_teams", "checkpoint_staffing"),
    "households": ("household_linkage",),
    "household_links": ("household_linkage", "member_link_load"),
    "volunteer_teams": ("community_teams", "checkpoint_staffing"),
    "team_memberships": ("community_teams", "checkpoint_staffing"),
    "checkpoints": ("checkpoint_staffing",),
    "deployments": ("community_teams", "checkpoint_staffing"),
    "medical_workers": ("medical_family_support",),
    "family_supports": ("medical_family_support",),
    "allocations": ("community_funding",),
}
"""Bundle section → the metrics whose summaries records of that section can change."""


# ----------------------------------------------------------------------------- step functions


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


SUMMARY_FORMAT = 1
"""Bumped when what a summary holds changes: summaries of another format are never read."""


def policy_fingerprint(policy: Policy) -> str:
    """A short stable hash of the policy's query parameters (what the rules depend on) and of
    :data:`SUMMARY_FORMAT`.

    >>> from orgnet.coverage.policy import default_policy
    >>> len(policy_fingerprint(default_policy()))
    16
    """
    text = json.dumps({"summary_format": SUMMARY_FORMAT, **policy.query_params()}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def metrics_for_bundle(bundle: Bundle) -> list[str]:
    """The metrics an import of ``bundle`` can change, in :data:`METRICS` order."""
    touched = {m for section, records in bundle.sections() if records for m in SECTION_METRICS[section]}
    return [m.name for m in METRICS if m.name in touched]


# ----------------------------------------------------------------------------- state


def summary_status(graph: Graph, *, policy: Policy) -> dict[str, dict[str, Any]]:
    """Per metric: ``{fresh, stale, policy_matches, computed_at}`` (fresh = usable by readers)."""
    rows = graph.read(f"MATCH (st:{STATE_LABEL}) RETURN st.id AS id, st.stale AS stale, st.policy AS policy, st.computed_at AS at")
    by_id = {r["id"]: r for r in rows}
    fp = policy_fingerprint(policy)
    out = {}
    for m in METRICS:
        r = by_id.get(m.name)
        stale = r is None or r["stale"] is not False
        matches = r is not None and r["policy"] == fp
        at = r["at"] if r else None
        out[m.name] = {
            "fresh": not stale and matches,
            "stale": stale,
            "policy_matches": matches,
            "computed_at": at.isoformat() if hasattr(at, "isoformat") else at,
        }
    return out


# ----------------------------------------------------------------------------- refresh


@dataclass
class RefreshReport:
    metrics: list[str] = field(default_factory=list)
    regions: int = 0
    seconds: float = 0.0
    seconds_per_metric: dict[str, float] = field(default_factory=dict)
    skipped_because_written_meanwhile: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "metrics": self.metrics,
            "regions": self.regions,
            "seconds": round(self.seconds, 3),
            "seconds_per_metric": {k: round(v, 3) for k, v in self.seconds_per_metric.items()},
            "skipped_because_written_meanwhile": self.skipped_because_written_meanwhile,
        }


def _regions(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(
        "MATCH (r:Region) RETURN r.id AS id, r.level AS level, r.path_ids AS path_ids, "
        "r.city_id AS city_id, r.county_id AS county_id, r.town_id AS town_id ORDER BY r.id",
        timeout_s=REFRESH_TIMEOUT_S,
    )


def _generations(graph: Graph, names: list[str]) -> dict[str, int]:
    """Each metric's write generation now.  The state nodes are created first (stale), so that a
    write that starts while this refresh runs finds them and bumps their generation."""
    graph.write(
        f"UNWIND $names AS name MERGE (st:{STATE_LABEL} {{id: name}}) ON CREATE SET st.stale = true, st.generation = 0",
        {"names": names},
    )
    rows = graph.read(f"UNWIND $names AS name MATCH (st:{STATE_LABEL} {{id: name}}) RETURN name, st.generation AS g", {"names": names})
    return {r["name"]: r["g"] for r in rows}


def _timelines(graph: Graph, metric: str, region_ids: list[str], params: dict[str, Any], workers: int) -> list[dict[str, Any]]:
    query = library().get(f"timeline/{metric}")
    timed = Graph(graph.driver, database=graph.database, timeout_s=REFRESH_TIMEOUT_S)

    def one(chunk: list[str]) -> list[dict[str, Any]]:
        rows, _ = run_query(timed, query, {**params, "regions": chunk})
        return rows

    chunks = list(batched(region_ids, REGIONS_PER_CALL))
    if workers <= 1:
        return [row for chunk in chunks for row in one(chunk)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return [row for rows in pool.map(one, chunks) for row in rows]


def summary_rows(metric: str, regions: list[dict[str, Any]], timelines: list[dict[str, Any]], fingerprint: str) -> list[dict[str, Any]]:
    """The summary node of every region: own step function from its timeline row, subtree step
    function from the own events of every region whose ancestor path contains it."""
    own = {t["region_id"]: t for t in timelines}
    subtree_events: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    subtree_total: dict[str, int] = defaultdict(int)
    for r in regions:
        t = own.get(r["id"])
        if t is None:
            continue
        ancestors = set(r["path_ids"] or []) | {r["id"]}
        for a in ancestors:
            subtree_total[a] += t["total"]
            subtree_events[a] += [(e["day"], e["delta"]) for e in t["events"]]
    rows = []
    for r in regions:
        t = own.get(r["id"]) or {"total": 0, "events": []}
        own_days, own_covered = step_function((e["day"], e["delta"]) for e in t["events"])
        days, covered = step_function(subtree_events[r["id"]])
        rows.append(
            {
                "id": f"{metric}:{r['id']}",
                "metric": metric,
                "region_id": r["id"],
                "level": r["level"],
                "city_id": r["city_id"],
                "county_id": r["county_id"],
                "town_id": r["town_id"],
                "policy": fingerprint,
                "total": subtree_total[r["id"]],
                "days": days,
                "covered": covered,
                "own_total": t["total"],
                "own_days": own_days,
                "own_covered": own_covered,
            }
        )
    return rows


WRITE_SUMMARIES = f"""
UNWIND $rows AS row
MERGE (s:{SUMMARY_LABEL} {{id: row.id}})
SET s += row, s.computed_at = datetime()
"""

CLEAR_STALE = f"""
MERGE (st:{STATE_LABEL} {{id: $metric}})
WITH st WHERE coalesce(st.generation, 0) = $generation
SET st.stale = false, st.policy = $policy, st.computed_at = datetime(), st.regions = $regions
RETURN st.id AS id
"""


def refresh(
    graph: Graph,
    *,
    policy: Policy,
    metrics: Iterable[str] | None = None,
    workers: int = 2,
    progress: Callable[[str, int, int], None] | None = None,
) -> RefreshReport:
    """Recompute the summaries of ``metrics`` (default: all) for every region under ``policy``.

    Each metric's summaries are written in one transaction together with its state, which is
    marked fresh only if no writer marked it stale since the refresh started.  ``progress`` is
    called as ``progress(metric, done, total)`` after each metric.
    """
    names = [get_metric(m).name for m in metrics] if metrics is not None else [m.name for m in METRICS]
    start = time.perf_counter()
    report = RefreshReport(metrics=names)
    if not names:
        return report
    generations = _generations(graph, names)
    regions = _regions(graph)
    report.regions = len(regions)
    region_ids = [r["id"] for r in regions]
    params = policy.query_params()
    fingerprint = policy_fingerprint(policy)
    for k, metric in enumerate(names):
        t0 = time.perf_counter()
        timelines = _timelines(graph, metric, region_ids, params, workers)
        rows = summary_rows(metric, regions, timelines, fingerprint)
        statements: list[tuple[str, dict[str, Any]]] = [(WRITE_SUMMARIES, {"rows": chunk}) for chunk in batched(rows, 2000)]
        statements.append((CLEAR_STALE, {"metric": metric, "generation": generations[metric], "policy": fingerprint, "regions": len(regions)}))
        graph.write_many(statements)
        if not _cleared(graph, metric, fingerprint):
            report.skipped_because_written_meanwhile.append(metric)
            log.warning("summaries of %s were written while being refreshed; they stay stale", metric)
        report.seconds_per_metric[metric] = time.perf_counter() - t0
        if progress:
            progress(metric, k + 1, len(names))
    report.seconds = time.perf_counter() - start
    return report


def _cleared(graph: Graph, metric: str, fingerprint: str) -> bool:
    rows = graph.read(f"MATCH (st:{STATE_LABEL} {{id: $metric}}) RETURN st.stale = false AND st.policy = $policy AS ok", {"metric": metric, "policy": fingerprint})
    return bool(rows and rows[0]["ok"])

