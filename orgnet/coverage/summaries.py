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

>>> step_function([(dt.date(2020, 2, 1), 3), (dt.date(1, 1, 1), 2), (dt.date(2020, 2, 1), -1)])
([datetime.date(1, 1, 1), datetime.date(2020, 2, 1)], [2, 4])
>>> value_on([dt.date(1, 1, 1), dt.date(2020, 2, 1)], [2, 4], dt.date(2020, 1, 31))
2

It is over 400 lines because the stored summaries are one mechanism (fingerprints, step functions, refresh, freshness) that reads right only in one place.
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
    **{s: tuple(m.name for m in METRICS if s in m.sections) for s in Bundle.SECTIONS if s != "regions"},
}
"""Bundle section → the metrics whose summaries records of that section can change (each metric
declares its ``sections``, :mod:`orgnet.coverage.metrics`)."""


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


SUMMARY_FORMAT = 3
"""Bumped when what a summary holds changes: summaries of another format are never read.
(2: the state records the population counted at refresh; summaries without it are not fresh.
3: the population is a step function of the day too, ``total_days``/``totals``.)"""


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


def policy_fingerprint(policy: Policy) -> str:
    """A short stable hash of the policy's query parameters (what the rules depend on) and of
    :data:`SUMMARY_FORMAT`.

    >>> from orgnet.coverage.policy import default_policy
    >>> len(policy_fingerprint(default_policy()))
    16

    With regional policies (``POLICY_FILES``) it is the fingerprint of the whole configuration: the
    default's parameters and each region's policy fingerprint, so changing any file changes it; with
    none it is the policy's own (unchanged by issue 15: stored summaries and exchange partners keep it).

    >>> strict = default_policy().with_changes({"teams": {"min_team_size": 9}})
    >>> configured = default_policy().with_regional({"320300": strict})
    >>> len({policy_fingerprint(default_policy()), policy_fingerprint(strict), policy_fingerprint(configured)})
    3
    """
    payload: dict[str, Any] = {"summary_format": SUMMARY_FORMAT, **policy.query_params()}
    if policy.regional:
        payload["regional"] = {rid: policy_fingerprint(p) for rid, p in sorted(policy.regional.items())}
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


MIXED = "mixed"
"""The ``policy`` of a summary whose region lies above regions computed under different policies
(its ``policies`` lists them): its figures are the sum of each one's under its own."""


def region_policies(policy: Policy, regions: list[dict[str, Any]]) -> dict[str, Policy]:
    """Per region id, the policy its own items are computed under (:meth:`Policy.for_path`).

    >>> from orgnet.coverage.policy import default_policy
    >>> strict = default_policy().with_changes({"teams": {"min_team_size": 9}})
    >>> own = region_policies(default_policy().with_regional({"320300": strict}), [{"id": "320311", "path_ids": ["320000", "320300"]}])
    >>> own["320311"] == strict
    True
    """
    return {r["id"]: policy.for_path([*(r["path_ids"] or []), r["id"]]) for r in regions}


def policy_labels(regions: list[dict[str, Any]], own: dict[str, str]) -> dict[str, list[str]]:
    """Per region id, the fingerprints its subtree's figures were computed under (sorted): one for a
    region under one policy, several above regions with different ones.

    >>> policy_labels([{"id": "p", "path_ids": []}, {"id": "a", "path_ids": ["p"]}, {"id": "b", "path_ids": ["p"]}], {"p": "x", "a": "y", "b": "x"})
    {'p': ['x', 'y'], 'a': ['y'], 'b': ['x']}
    """
    out: dict[str, set[str]] = {r["id"]: set() for r in regions}
    for r in regions:
        for a in {*(r["path_ids"] or []), r["id"]}:
            if a in out:
                out[a].add(own[r["id"]])
    return {rid: sorted(fps) for rid, fps in out.items()}


def label(fingerprints: list[str]) -> str:
    """What a summary's ``policy`` says: the one fingerprint, or :data:`MIXED`.

    >>> label(["a"]), label(["a", "b"])
    ('a', 'mixed')
    """
    return fingerprints[0] if len(fingerprints) == 1 else MIXED


def metrics_for_bundle(bundle: Bundle) -> list[str]:
    """The metrics an import of ``bundle`` can change, in :data:`METRICS` order."""
    touched = {m for section, records in bundle.sections() if records for m in SECTION_METRICS[section]}
    return [m.name for m in METRICS if m.name in touched]


# ----------------------------------------------------------------------------- state

POPULATIONS: dict[str, tuple[str, ...]] = {m.name: m.summary_population for m in METRICS}
"""Per metric, the node labels (CamelCase) and relationship types (UPPER_CASE) whose counts make
its population fingerprint: the items it counts and the relationships its rule reads
(``orgnet/queries/timeline/<metric>.cypher``).  Deliberately not every label the rule touches: an
orgnet write of a section must change only the populations of the metrics it marks stale
(:data:`SECTION_METRICS`), else a fresh metric would look changed outside orgnet
(``tests/unit/test_summary_populations.py`` checks both against the queries and the loader)."""

CHANGED_OUTSIDE = "changed-outside-orgnet"
"""Given to the summary queries instead of the policy fingerprint when a metric's population no
longer matches: no summary carries it, so they return nothing and the API runs the live query."""


def _population_query(names: Sequence[str]) -> str:
    """One read of the count store for every label / relationship type in ``names`` (allow-listed:
    only names of :data:`POPULATIONS`, which are inlined since labels cannot be parameters)."""
    allowed = {n for names_ in POPULATIONS.values() for n in names_}
    parts = []
    for i, name in enumerate(names):
        if name not in allowed:
            raise ValueError(f"not a population label or type: {name!r}")
        pattern = f"()-[x:{name}]->()" if name.isupper() else f"(x:{name})"
        parts.append(f"CALL () {{ MATCH {pattern} RETURN count(x) AS c{i} }}")
    return "\n".join(parts) + "\nRETURN [" + ", ".join(f"c{i}" for i in range(len(names))) + "] AS counts"


def population_counts(graph: Graph, metrics: Iterable[str]) -> dict[str, str]:
    """Per metric, its population fingerprint now: ``"Household=120;LINKS=96;Region=7"``.

    Every count comes from Neo4j's count store (``NodeCountFromCountStore`` /
    ``RelationshipCountFromCountStore``), so this costs one round trip whatever the graph's size.
    """
    metrics = list(metrics)
    names = sorted({n for m in metrics for n in POPULATIONS[m]})
    if not names:
        return {}
    rows = graph.read(_population_query(names))
    counts = dict(zip(names, rows[0]["counts"], strict=True))
    return {m: ";".join(f"{n}={counts[n]}" for n in sorted(POPULATIONS[m])) for m in metrics}


def summary_key(graph: Graph, *, metric: str, policy: Policy) -> str:
    """What the ``summary/*`` queries must be given as ``policy``: the policy fingerprint when the
    metric's population is still the one its summaries were computed from, else
    :data:`CHANGED_OUTSIDE` (matches nothing: the caller falls back to the live query).

    One round trip (the stored state and the count store), checked before every read of summaries.
    """
    names = sorted(POPULATIONS[metric])
    query = f"OPTIONAL MATCH (st:{STATE_LABEL} {{id: $metric}})\nWITH st.population AS recorded\n" + _population_query(names).replace(
        "RETURN [", "RETURN recorded, ["
    )
    row = graph.read(query, {"metric": metric})[0]
    now = ";".join(f"{n}={c}" for n, c in zip(names, row["counts"], strict=True))
    return policy_fingerprint(policy) if row["recorded"] == now else CHANGED_OUTSIDE


@dataclass(frozen=True)
class SummaryView:
    """Every metric's summary state as one request sees it, read in one round trip
    (:func:`summary_view`): what to give the ``summary/*`` queries, and whether results derived
    from the summaries may be reused (:attr:`token`)."""

    keys: dict[str, str]
    """Per metric: the ``policy`` value for the ``summary/*`` queries (as :func:`summary_key`)."""
    tokens: dict[str, tuple[Any, ...] | None]
    """Per metric: what identifies its summaries' content when they are usable (fresh, this policy,
    population unchanged): generation and the time they were computed (every refresh sets it anew);
    ``None`` when they are not usable (readers run the live queries: nothing may be reused)."""

    def token(self, metrics: Iterable[str]) -> tuple[Any, ...] | None:
        """The combined token of ``metrics``; ``None`` if any of them is not usable."""
        out = []
        for m in metrics:
            t = self.tokens.get(m)
            if t is None:
                return None
            out.append((m, *t))
        return tuple(out)


def summary_view(graph: Graph, *, policy: Policy) -> SummaryView:
    """:func:`summary_key` of every metric and their reuse tokens, in one round trip (the state
    nodes and the count store), instead of one round trip per metric."""
    names = sorted({n for m in METRICS for n in POPULATIONS[m.name]})
    query = (
        f"CALL () {{ OPTIONAL MATCH (st:{STATE_LABEL}) RETURN collect(st {{.id, .population, .stale, .policy, .generation, "
        ".computed_at}) AS states }\n" + _population_query(names).replace("RETURN [", "RETURN states, [")
    )
    row = graph.read(query)[0]
    counts = dict(zip(names, row["counts"], strict=True))
    states = {s["id"]: s for s in row["states"]}
    fp = policy_fingerprint(policy)
    keys: dict[str, str] = {}
    tokens: dict[str, tuple[Any, ...] | None] = {}
    for m in METRICS:
        now = ";".join(f"{n}={counts[n]}" for n in sorted(POPULATIONS[m.name]))
        st = states.get(m.name) or {}
        keys[m.name] = fp if st.get("population") == now else CHANGED_OUTSIDE
        usable = keys[m.name] == fp and st.get("stale") is False and st.get("policy") == fp
        at = st.get("computed_at")
        tokens[m.name] = (st.get("generation"), at.isoformat() if hasattr(at, "isoformat") else at, fp) if usable else None
    return SummaryView(keys=keys, tokens=tokens)


def summary_status(graph: Graph, *, policy: Policy) -> dict[str, dict[str, Any]]:
    """Per metric: ``{fresh, stale, policy_matches, changed_outside_orgnet, generation, computed_at}``.

    ``fresh`` = usable by readers: not stale, computed under ``policy``, and its population
    (:data:`POPULATIONS`) counted now is the one recorded when it was computed.
    ``changed_outside_orgnet``: it was fresh, but nodes or relationships of its population were
    added or deleted by something other than orgnet since (Neo4j Browser, a script): run
    ``orgnet summaries refresh --only-stale``.
    """
    rows = graph.read(
        f"MATCH (st:{STATE_LABEL}) RETURN st.id AS id, st.stale AS stale, st.policy AS policy, "
        "st.computed_at AS at, st.generation AS generation, st.population AS population"
    )
    by_id = {r["id"]: r for r in rows}
    now = population_counts(graph, [m.name for m in METRICS])
    fp = policy_fingerprint(policy)
    out = {}
    for m in METRICS:
        r = by_id.get(m.name)
        stale = r is None or r["stale"] is not False
        matches = r is not None and r["policy"] == fp
        outside = not stale and r is not None and r["population"] != now[m.name]
        at = r["at"] if r else None
        out[m.name] = {
            "fresh": not stale and matches and not outside,
            "stale": stale,
            "policy_matches": matches,
            "changed_outside_orgnet": outside,
            "generation": (r["generation"] or 0) if r else 0,
            "computed_at": at.isoformat() if hasattr(at, "isoformat") else at,
        }
    return out


def readiness(graph: Graph, *, policy: Policy) -> dict[str, Any]:
    """What ``/ready`` shows about the stored summaries and unfinished imports (it never makes the
    service unready: readers fall back to the live queries).

    ``{"summaries": {"not_fresh", "changed_outside_orgnet", "graph_changed_outside_orgnet", "detail"},
    "imports": {"unfinished": [...]}}``.
    """
    from orgnet.graph.loader import unfinished_imports

    status = summary_status(graph, policy=policy)
    outside = [m for m, s in status.items() if s["changed_outside_orgnet"]]
    summaries = {
        "not_fresh": [m for m, s in status.items() if not s["fresh"]],
        "changed_outside_orgnet": outside,
        "graph_changed_outside_orgnet": bool(outside),
    }
    if outside:
        summaries["detail"] = (
            "The graph was changed outside orgnet (nodes or relationships added or deleted since the summaries of "
            f"{', '.join(outside)} were computed); their rollups run the live queries until `orgnet summaries refresh --only-stale`."
        )
    return {"summaries": summaries, "imports": {"unfinished": unfinished_imports(graph)}}


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


def _incremental_head(names: Sequence[str]) -> tuple[str, list[str]]:
    """One read: the states of ``$names`` (generations first), the regions ``$ids``, then the
    populations of ``names`` counted (after the generations, as in :func:`refresh`)."""
    labels = sorted({n for m in names for n in POPULATIONS[m]})
    return (
        f"CALL () {{ UNWIND $names AS name OPTIONAL MATCH (st:{STATE_LABEL} {{id: name}})\n"
        "  RETURN collect({name: name, generation: st.generation, computed_generation: st.computed_generation, policy: st.policy, "
        "regions: st.regions}) AS states }\n"
        "CALL () { UNWIND $ids AS id MATCH (r:Region {id: id})\n"
        "  RETURN collect(r {.id, .level, .path_ids, .city_id, .county_id, .town_id}) AS regions }\n"
        + _population_query(labels).replace("RETURN [", "RETURN states, regions, [")
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
    candidates = [m for m in candidates if _derivable(stored[m], regions, targets)]
    groups = _policy_groups(policy, regions)
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
        rows = _incremental_rows(metric, regions, targets, stored[metric], timelines[metric], fingerprint)
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


def _policy_groups(policy: Policy, regions: dict[str, dict[str, Any]]) -> list[tuple[dict[str, Any], list[str]]]:
    """The named regions grouped by the policy their own items follow: ``[(query params, ids)]``."""
    own = region_policies(policy, list(regions.values()))
    groups: dict[str, list[str]] = defaultdict(list)
    for rid in sorted(regions):
        groups[policy_fingerprint(own[rid])].append(rid)
    return [(own[ids[0]].query_params(), ids) for _, ids in sorted(groups.items())]


def _derivable(stored: dict[str, dict[str, Any]], regions: dict[str, dict[str, Any]], targets: list[str]) -> bool:
    """Whether the new summaries can be derived from the stored ones: every target has one, and
    no named region moved in the tree (its old ancestors are not known here)."""
    if set(stored) != set(targets):
        return False
    return all(
        (stored[rid]["level"], stored[rid]["city_id"], stored[rid]["county_id"], stored[rid]["town_id"])
        == (r["level"], r["city_id"], r["county_id"], r["town_id"])
        for rid, r in regions.items()
    )


def _incremental_rows(
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
    subtree_entered = {t: step_events(*_stored_totals(stored[t], "")) for t in targets}
    subtree_total = {t: stored[t]["total"] for t in targets}
    own: dict[str, tuple[int, list[dt.date], list[int], list[dt.date], list[int]]] = {}
    for rid, r in regions.items():
        s, t = stored[rid], timelines.get(rid) or {"total": 0, "events": []}
        own_days, own_covered = step_function((e["day"], e["delta"]) for e in t["events"])
        own_total_days, own_totals = step_function(population_events(t))
        own[rid] = (t["total"], own_days, own_covered, own_total_days, own_totals)
        change = step_events(s["own_days"], s["own_covered"], -1) + step_events(own_days, own_covered)
        entered = step_events(*_stored_totals(s, "own_"), -1) + step_events(own_total_days, own_totals)
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
            *_stored_totals(s, "own_"),
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


def _stored_totals(stored: dict[str, Any], prefix: str) -> tuple[list[dt.date], list[int]]:
    """A stored summary's population step function (``own_`` or subtree); a summary written without
    one (received through the exchange) has its total from the start."""
    days, totals = stored.get(f"{prefix}total_days"), stored.get(f"{prefix}totals")
    if days is None or totals is None:
        total = stored[f"{prefix}total"]
        return ([ORIGIN], [total]) if total else ([], [])
    return days, totals


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
        + _population_query(labels).replace("RETURN [", "RETURN states, regions, stored, [")
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
            and _derivable(stored[m], regions, targets)
        ]
    rows: list[dict[str, Any]] = []
    if candidates:
        timelines: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for query_params, group in _policy_groups(policy, regions):
            statement, params = timelines_statement(candidates, group, query_params)
            for record in tx.run(statement, params):
                t = record_to_native(record)
                timelines[t["metric"]][t["region_id"]] = t
        for metric in candidates:
            rows += _incremental_rows(metric, regions, targets, stored[metric], timelines[metric], fingerprint)
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
