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
summaries were computed under, a ``stale`` flag, a ``generation`` counter and the metric's
**population** (the counts of the labels and relationship types its rule reads, :data:`POPULATIONS`).
Every orgnet write transaction (each batch of ``orgnet.graph.loader``, or the one transaction of
an atomic import) sets ``stale`` and bumps ``generation`` *in the same transaction as its data*,
so no interleaving of writers and refreshes can hide a committed batch.  :func:`refresh` reads
the generations, then the populations, recomputes, and clears ``stale`` (in the transaction that
writes the last summaries, under the state node's lock) only if the generation is the one it
read.  Readers use the summaries only when they are fresh, match the active policy and the
population counted now (Neo4j's count store: O(1)) is the one recorded, and otherwise run the
live queries, so results are those of the rules; only their speed depends on the summaries.
Edits made outside orgnet (Neo4j Browser, scripts) that add or delete nodes or relationships of
a metric's population are thus detected (``changed_outside_orgnet``); edits that change only
properties, or that delete and add as many, are not: run ``orgnet summaries refresh`` after them.

The mechanism is in three modules: this one **writes** the summaries (the four ways to refresh:
:func:`refresh` for whole metrics, :func:`refresh_regions` for some regions and their ancestors,
:func:`refresh_after_write` after a committed write, :func:`refresh_in_write` inside the write's
own transaction); :mod:`orgnet.coverage.summary_rows` **computes** the rows from timelines or from
the stored rows (pure arithmetic on step functions); :mod:`orgnet.coverage.summary_state` says
whether readers may **use** them (policy fingerprints, populations, freshness, readiness).

It is over 400 lines because the four refresh entry points share their statements and the
generation protocol above, which reads right only in one place.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from orgnet.coverage.metrics import METRICS, get_metric
from orgnet.coverage.policy import Policy
from orgnet.coverage.summary_rows import derivable, incremental_rows, policy_groups, summary_rows
from orgnet.coverage.summary_state import POPULATIONS, policy_fingerprint, policy_labels, population_counts, population_query, region_policies
from orgnet.graph.db import Graph, batched
from orgnet.graph.model import Bundle
from orgnet.graph.schema import STATE_LABEL, SUMMARY_LABEL
from orgnet.queries.library import library, run_query

log = logging.getLogger(__name__)

REGIONS_PER_CALL = 200
"""Regions per timeline query (about 120,000 households at city scale): few round trips, bounded memory."""
REFRESH_TIMEOUT_S = 900.0

SECTION_METRICS: dict[str, tuple[str, ...]] = {
    "regions": tuple(m.name for m in METRICS),
    **{s: tuple(m.name for m in METRICS if s in m.sections) for s in Bundle.SECTIONS if s != "regions"},
}
"""Bundle section → the metrics whose summaries records of that section can change (each metric
declares its ``sections``, :mod:`orgnet.coverage.metrics`)."""


def metrics_for_bundle(bundle: Bundle) -> list[str]:
    """The metrics an import of ``bundle`` can change, in :data:`METRICS` order."""
    touched = {m for section, records in bundle.sections() if records for m in SECTION_METRICS[section]}
    return [m.name for m in METRICS if m.name in touched]


# ----------------------------------------------------------------------------- refresh


@dataclass
class RefreshReport:
    metrics: list[str] = field(default_factory=list)
    regions: int = 0
    seconds: float = 0.0
    seconds_per_metric: dict[str, float] = field(default_factory=dict)
    skipped_because_written_meanwhile: list[str] = field(default_factory=list)
    incremental: list[str] = field(default_factory=list)
    """The metrics recomputed over the given regions and their ancestors only (:func:`refresh_regions`)."""
    kept_received: list[str] = field(default_factory=list)
    """Regions whose figures came through the aggregate exchange (and the regions above them): no
    items here, so a refresh leaves their received summaries as they are (:func:`held_by_exchange`)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "incremental": self.incremental,
            "metrics": self.metrics,
            "regions": self.regions,
            "seconds": round(self.seconds, 3),
            "seconds_per_metric": {k: round(v, 3) for k, v in self.seconds_per_metric.items()},
            "skipped_because_written_meanwhile": self.skipped_because_written_meanwhile,
            "kept_received": self.kept_received,
        }


def _regions(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(
        "MATCH (r:Region) RETURN r.id AS id, r.level AS level, r.path_ids AS path_ids, "
        "r.city_id AS city_id, r.county_id AS county_id, r.town_id AS town_id, r.received_from AS received_from ORDER BY r.id",
        timeout_s=REFRESH_TIMEOUT_S,
    )


def held_by_exchange(regions: list[dict[str, Any]]) -> set[str]:
    """The regions whose summaries came through the aggregate exchange (``received_from``) and the
    regions above them (their summaries are sums of received ones): their items are not here, so
    recomputing them from this graph would replace the received figures with zeros.

    >>> sorted(held_by_exchange([{"id": "n", "path_ids": [], "received_from": None},
    ...     {"id": "c", "path_ids": ["n", "p"], "received_from": "p"}, {"id": "x", "path_ids": ["n"], "received_from": None}]))
    ['c', 'n', 'p']
    """
    received = [r for r in regions if r.get("received_from") is not None]
    return {rid for r in received for rid in (*(r["path_ids"] or []), r["id"])}


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


WRITE_SUMMARIES = f"""
UNWIND $rows AS row
MERGE (s:{SUMMARY_LABEL} {{id: row.id}})
SET s += row, s.computed_at = datetime()
"""

CLEAR_STALE = f"""
MERGE (st:{STATE_LABEL} {{id: $metric}})
// write-lock the state first, so the generation compared below is the latest committed one: a batch
// that bumps it either committed before (then it is seen) or waits for this transaction's commit
SET st._lock = true
REMOVE st._lock
WITH st, coalesce(st.generation, 0) = $generation AS current
// overtaken by a write: the summaries just written may predate it, so they are stale and no
// generation is exact any more (a write that refreshes in its own transaction may have declared the
// metric fresh meanwhile: its summaries were overwritten above)
SET st.stale = NOT current,
    st.policy = CASE WHEN current THEN $policy ELSE st.policy END,
    st.computed_at = CASE WHEN current THEN datetime() ELSE st.computed_at END,
    st.regions = CASE WHEN current THEN $regions ELSE st.regions END,
    st.population = CASE WHEN current THEN $population ELSE st.population END,
    st.computed_generation = CASE WHEN current THEN $generation ELSE null END
WITH st WHERE current
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

    Each region's own items are counted under its own policy (``policy.for_path``: the regional
    policies of ``POLICY_FILES``); a region above several policies sums its children's figures,
    each computed under its own.  Regions whose figures were received through the aggregate
    exchange, and those above them, are left as received (:func:`held_by_exchange`; listed in
    ``kept_received``).

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
    # counted after the generations were read: a write committed in between bumped the generation
    # (so this refresh keeps the metric stale); an edit outside orgnet after this point changes the
    # counts (so the summaries are not fresh either)
    populations = population_counts(graph, names)
    every_region = _regions(graph)
    held = held_by_exchange(every_region)
    regions = [r for r in every_region if r["id"] not in held]
    report.regions = len(regions)
    report.kept_received = sorted(held)
    if held:
        log.info("summaries of %d regions received through the exchange (and of those above them) are kept as received", len(held))
    own = region_policies(policy, regions)
    own_fingerprints = {rid: policy_fingerprint(p) for rid, p in own.items()}
    labels = policy_labels(regions, own_fingerprints)
    groups: dict[str, list[str]] = defaultdict(list)  # one timeline run per policy: its parameters
    for r in regions:
        groups[own_fingerprints[r["id"]]].append(r["id"])
    group_params = {fp: own[ids[0]].query_params() for fp, ids in groups.items()}
    fingerprint = policy_fingerprint(policy)
    for k, metric in enumerate(names):
        t0 = time.perf_counter()
        timelines = [row for fp, ids in sorted(groups.items()) for row in _timelines(graph, metric, ids, group_params[fp], workers)]
        rows = summary_rows(metric, regions, timelines, fingerprint, labels)
        statements: list[tuple[str, dict[str, Any]]] = [(WRITE_SUMMARIES, {"rows": chunk}) for chunk in batched(rows, 2000)]
        statements.append(
            (
                CLEAR_STALE,
                {"metric": metric, "generation": generations[metric], "policy": fingerprint, "regions": len(every_region), "population": populations[metric]},
            )
        )
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
    rows = graph.read(
        f"MATCH (st:{STATE_LABEL} {{id: $metric}}) RETURN st.stale = false AND st.policy = $policy AS ok", {"metric": metric, "policy": fingerprint}
    )
    return bool(rows and rows[0]["ok"])


def refresh_after_write(graph: Graph, *, policy: Policy, metrics: list[str], region_ids: Sequence[str] | None = None) -> dict[str, Any]:
    """Refresh the summaries a committed write made stale, and say how it went: never raises.

    ``region_ids``: the regions of the items the write touched, when the writer knows them (a
    per-record write does; a bundle import passes None).  Pass the regions *before and after* the
    write (an item moved from one village to another: both villages).  Each metric is then
    recomputed incrementally (:func:`refresh_regions`: those regions and their ancestors) when its
    summaries were complete up to the write; otherwise, and for None, the whole metric.

    The write is committed whatever happens here, so its caller must not report a failure:
    ``status`` is ``fresh`` (recomputed), or ``stale`` (not recomputed, or overtaken by another
    write: readers run the live queries until ``orgnet summaries refresh --only-stale``).
    """
    try:
        if region_ids is None:
            report = refresh(graph, policy=policy, metrics=metrics)
        else:
            report = refresh_regions(graph, policy=policy, metrics=metrics, region_ids=region_ids)
    except Exception:  # noqa: BLE001 - the data is committed; a failed refresh only costs speed
        log.exception("coverage summaries of %s not refreshed after a committed write; they stay stale", ", ".join(metrics))
        return {
            "status": "stale",
            "metrics": metrics,
            "detail": "The data is written. Recomputing the coverage summaries failed: rollups of these metrics run the "
            "live queries (correct, slower) until `orgnet summaries refresh --only-stale`.",
        }
    stale = report.skipped_because_written_meanwhile
    return {"status": "stale" if stale else "fresh", **report.as_dict()}


# ----------------------------------------------------------------------------- incremental refresh


def _incremental_head(names: Sequence[str]) -> tuple[str, list[str]]:
    """One read: the states of ``$names`` (generations first), the regions ``$ids``, then the
    populations of ``names`` counted (after the generations, as in :func:`refresh`)."""
    labels = sorted({n for m in names for n in POPULATIONS[m]})
    return (
        f"CALL () {{ UNWIND $names AS name OPTIONAL MATCH (st:{STATE_LABEL} {{id: name}})\n"
        "  RETURN collect({name: name, generation: st.generation, computed_generation: st.computed_generation, policy: st.policy, "
        "regions: st.regions}) AS states }\n"
        "CALL () { UNWIND $ids AS id MATCH (r:Region {id: id})\n"
        "  RETURN collect(r {.id, .level, .path_ids, .city_id, .county_id, .town_id}) AS regions }\n" + population_query(labels, carry=["states", "regions"])
    ), labels


STORED_SUMMARIES = f"""
UNWIND $metrics AS metric
UNWIND $ids AS rid
MATCH (s:{SUMMARY_LABEL} {{id: metric + ':' + rid}})
RETURN metric, s.region_id AS region_id, s.level AS level, s.city_id AS city_id, s.county_id AS county_id, s.town_id AS town_id,
       s.total AS total, s.days AS days, s.covered AS covered, s.own_total AS own_total, s.own_days AS own_days,
       s.own_covered AS own_covered, s.total_days AS total_days, s.totals AS totals, s.own_total_days AS own_total_days,
       s.own_totals AS own_totals, s.policy AS policy, s.policies AS policies
"""

CLEARED = f"""
UNWIND $names AS name
MATCH (st:{STATE_LABEL} {{id: name}})
RETURN name, st.stale = false AND st.policy = $policy AS ok
"""


def refresh_regions(graph: Graph, *, policy: Policy, metrics: Iterable[str], region_ids: Sequence[str]) -> RefreshReport:
    """Recompute the summaries of ``region_ids`` and their ancestors only, metric by metric.

    A metric is recomputed incrementally only when its summaries were complete one write ago: its
    state's ``generation`` is exactly one more than the generation its summaries were computed at
    (``computed_generation``), under this policy.  That one write is the caller's (committed
    before this call), so every other region's stored summary is still exact, and:

    * each given region's own step function comes from the ``timeline/<metric>`` query run on those
      regions alone;
    * each ancestor's (and each given region's) subtree step function is its stored one minus the
      old own events of the given regions under it plus their new ones (integer events: exact).

    The summaries are written, and the state declared fresh at the generation read first, in one
    transaction under the state's lock (:data:`CLEAR_STALE`), as a whole refresh does: a write
    committed meanwhile leaves the metric stale.  Any other case (another write since, a region
    whose place in the tree differs from its stored summary's, i.e. a moved region, a region
    without a summary, another policy) falls back to the whole metric (:func:`refresh`).

    Not detected: nodes or relationships added or deleted outside orgnet (Neo4j Browser) since the
    last refresh, in regions other than ``region_ids``, are taken into the recorded population
    without being recomputed; ``orgnet summaries refresh`` recomputes everything.
    """
    names = [get_metric(m).name for m in metrics]
    start = time.perf_counter()
    report = RefreshReport(metrics=names)
    ids = sorted(set(region_ids))
    if not names:
        return report
    fingerprint = policy_fingerprint(policy)
    # few round trips, each of them small: under load every round trip costs (bench.refresh)
    query, labels = _incremental_head(names)
    head = graph.read(query, {"names": names, "ids": ids})[0]
    regions = {r["id"]: r for r in head["regions"]}
    if not ids or set(regions) != set(ids):  # no region named, or one that is gone: recompute everything
        return refresh(graph, policy=policy, metrics=names)
    counts = dict(zip(labels, head["counts"], strict=True))
    populations = {m: ";".join(f"{n}={counts[n]}" for n in sorted(POPULATIONS[m])) for m in names}
    states = {r["name"]: r for r in head["states"]}
    ancestors = sorted({a for r in regions.values() for a in (r["path_ids"] or [])} - set(regions))
    candidates = [
        m
        for m in names
        if states[m]["policy"] == fingerprint
        and states[m]["generation"] is not None
        and states[m]["computed_generation"] is not None
        and states[m]["generation"] == states[m]["computed_generation"] + 1
    ]
    targets = sorted(set(regions) | set(ancestors))
    stored: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    if candidates:
        for row in graph.read(STORED_SUMMARIES, {"metrics": candidates, "ids": targets}):
            stored[row["metric"]][row["region_id"]] = row
    candidates = [m for m in candidates if derivable(stored[m], regions, targets)]
    groups = policy_groups(policy, regions)
    timed = Graph(graph.driver, database=graph.database, timeout_s=REFRESH_TIMEOUT_S)

    def timeline(metric: str) -> dict[str, dict[str, Any]]:
        out = {}
        for params, ids in groups:
            rows, _ = run_query(timed, library().get(f"timeline/{metric}"), {**params, "regions": ids})
            out.update({t["region_id"]: t for t in rows})
        return out

    with ThreadPoolExecutor(max_workers=max(1, len(candidates))) as pool:
        timelines = dict(zip(candidates, pool.map(timeline, candidates), strict=True))
    statements: list[tuple[str, dict[str, Any]]] = []
    for metric in candidates:
        rows = incremental_rows(metric, regions, targets, stored[metric], timelines[metric], fingerprint)
        statements += [(WRITE_SUMMARIES, {"rows": chunk}) for chunk in batched(rows, 2000)]
        statements.append(
            (
                CLEAR_STALE,
                {
                    "metric": metric,
                    "generation": states[metric]["generation"],
                    "policy": fingerprint,
                    "regions": states[metric]["regions"],
                    "population": populations[metric],
                },
            )
        )
        report.regions = max(report.regions, len(rows))
    if statements:
        graph.write_many(statements)
        cleared = {r["name"]: r["ok"] for r in graph.read(CLEARED, {"names": candidates, "policy": fingerprint})}
        for metric in candidates:
            if not cleared.get(metric):
                report.skipped_because_written_meanwhile.append(metric)
                log.warning("summaries of %s were written while being refreshed; they stay stale", metric)
            report.seconds_per_metric[metric] = time.perf_counter() - start
    report.incremental = candidates
    whole = [m for m in names if m not in candidates]
    if whole:
        full = refresh(graph, policy=policy, metrics=whole)
        report.regions = max(report.regions, full.regions)
        report.seconds_per_metric.update(full.seconds_per_metric)
        report.skipped_because_written_meanwhile += full.skipped_because_written_meanwhile
    report.seconds = time.perf_counter() - start
    return report


# ----------------------------------------------------------------------------- refresh inside the write's transaction


def _mark_and_read_statement(names: Sequence[str]) -> tuple[str, list[str]]:
    """One statement, the first of the refresh inside a write transaction: mark ``$names`` stale
    and bump their generation (:data:`~orgnet.coverage.stale.MARK_STALE`, which write-locks the
    states in name order), then read the states, the regions ``$ids``, the stored summaries of those
    regions and their ancestors, and the populations (the count store includes this transaction's
    own writes).  ``collect`` consumes every locked state before anything is read, so what is read
    is what the last committed writer left."""
    from orgnet.coverage.stale import MARK_STALE

    labels = sorted({n for m in names for n in POPULATIONS[m]})
    return (
        MARK_STALE.strip() + "\nWITH collect(st {name: name, .generation, .computed_generation, .policy, .regions}) AS states\n"
        "CALL () { UNWIND $ids AS id MATCH (r:Region {id: id})\n"
        "  RETURN collect(r {.id, .level, .path_ids, .city_id, .county_id, .town_id}) AS regions }\n"
        "CALL (regions) { UNWIND regions AS r UNWIND [r.id] + coalesce(r.path_ids, []) AS target\n"
        "  WITH DISTINCT target UNWIND $metrics AS metric\n"
        f"  MATCH (s:{SUMMARY_LABEL} {{id: metric + ':' + target}})\n"
        "  RETURN collect(s {.metric, .region_id, .level, .city_id, .county_id, .town_id, .total, .days, .covered, "
        ".own_total, .own_days, .own_covered, .total_days, .totals, .own_total_days, .own_totals, .policy, .policies}) AS stored }\n"
        + population_query(labels, carry=["states", "regions", "stored"])
    ), labels


def timelines_statement(metrics: Sequence[str], regions: Sequence[str], params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The ``timeline/<metric>`` queries of ``metrics`` over ``regions`` as one statement (one round
    trip): each library query in a subquery, its rows tagged with the metric, joined by ``UNION ALL``.
    Metric names come from :data:`~orgnet.coverage.metrics.METRICS` (inlined as literals).

    >>> q, p = timelines_statement(["household_linkage", "member_link_load"], ["r1"], {})
    >>> q.count("UNION ALL"), p["regions"]
    (1, ['r1'])
    """
    parts, bound = [], {}
    for metric in metrics:
        query = library().get(f"timeline/{get_metric(metric).name}")
        bound.update(query.bind({**params, "regions": list(regions)}, strict=False))
        parts.append(f"CALL () {{\n{query.body.strip().rstrip(';')}\n}}\nRETURN '{get_metric(metric).name}' AS metric, region_id, total, events, entered")
    return "\nUNION ALL\n".join(parts), bound


WRITE_SUMMARIES_FRESH = f"""
CALL () {{ UNWIND $rows AS row MERGE (s:{SUMMARY_LABEL} {{id: row.id}}) SET s += row, s.computed_at = datetime() }}
UNWIND $states AS x
MATCH (st:{STATE_LABEL} {{id: x.metric}})
SET st.stale = false, st.computed_at = datetime(), st.population = x.population, st.computed_generation = st.generation
"""
"""The last statement of a write that refreshed its summaries itself: the rows, and the states
fresh at the generation this transaction gave them (it holds their locks since it marked them)."""


def refresh_in_write(tx: Any, *, policy: Policy, metrics: Sequence[str], region_ids: Sequence[str]) -> dict[str, Any]:
    """Mark ``metrics`` stale in the write transaction ``tx`` and, for each whose summaries were
    exact up to the last write, recompute ``region_ids`` and their ancestors there and then
    (:func:`refresh_regions`' arithmetic): three statements in the write's own transaction, so the
    write and its coverage commit together and no reader ever sees one without the other.

    Call it after the write's data statements.  The state locks taken by the stale mark serialise
    orgnet writers of a metric, so the stored summaries read here are those of the previous write
    and stay exact.  Returns the report :func:`refresh_after_write` returns, with ``pending``: the
    metrics left stale (summaries not exact before, another policy, a region unknown or moved,
    or no region named), which the caller refreshes after the commit.
    """
    from orgnet.graph.values import record_to_native

    start = time.perf_counter()
    names = [get_metric(m).name for m in metrics]
    ids = sorted(set(region_ids))
    fingerprint = policy_fingerprint(policy)
    query, labels = _mark_and_read_statement(names)
    head = record_to_native(tx.run(query, {"metrics": names, "ids": ids}).single(strict=True))
    regions = {r["id"]: r for r in head["regions"]}
    states = {s["name"]: s for s in head["states"]}
    counts = dict(zip(labels, head["counts"], strict=True))
    stored: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in head["stored"]:
        stored[row["metric"]][row["region_id"]] = row
    targets = sorted(set(regions) | {a for r in regions.values() for a in (r["path_ids"] or [])})
    candidates = []
    if ids and set(regions) == set(ids):
        candidates = [
            m
            for m in names
            if states[m]["policy"] == fingerprint
            and states[m]["computed_generation"] is not None
            and states[m]["generation"] == states[m]["computed_generation"] + 1
            and derivable(stored[m], regions, targets)
        ]
    rows: list[dict[str, Any]] = []
    if candidates:
        timelines: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for query_params, group in policy_groups(policy, regions):
            statement, params = timelines_statement(candidates, group, query_params)
            for record in tx.run(statement, params):
                t = record_to_native(record)
                timelines[t["metric"]][t["region_id"]] = t
        for metric in candidates:
            rows += incremental_rows(metric, regions, targets, stored[metric], timelines[metric], fingerprint)
        populations = [{"metric": m, "population": ";".join(f"{n}={counts[n]}" for n in sorted(POPULATIONS[m]))} for m in candidates]
        tx.run(WRITE_SUMMARIES_FRESH, {"rows": rows, "states": populations}).consume()
    pending = [m for m in names if m not in candidates]
    return {
        "status": "stale" if pending else "fresh",
        "incremental": candidates,
        "metrics": names,
        "regions": len(targets) if candidates else 0,
        "seconds": round(time.perf_counter() - start, 3),
        "seconds_per_metric": {},
        "skipped_because_written_meanwhile": [],
        "pending": pending,
    }
