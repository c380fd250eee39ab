"""Whether readers may use the stored coverage summaries (:mod:`orgnet.coverage.summaries`
writes them): the fingerprint of the policy they were computed under, the population each metric's
rule reads (counted in Neo4j's count store), each metric's freshness, and the readiness ``/ready``
reports.  Readers use a metric's summaries only when they are fresh, of the active policy and of
the population counted now; otherwise they run the live queries.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from orgnet.coverage.metrics import METRICS
from orgnet.coverage.policy import Policy
from orgnet.graph.db import Graph
from orgnet.graph.schema import STATE_LABEL

SUMMARY_FORMAT = 3
"""Bumped when what a summary holds changes: summaries of another format are never read.
(2: the state records the population counted at refresh; summaries without it are not fresh.
3: the population is a step function of the day too, ``total_days``/``totals``.)"""


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


def population_query(names: Sequence[str], *, carry: Sequence[str] = ()) -> str:
    """One read of the count store for every label / relationship type in ``names`` (allow-listed:
    only names of :data:`POPULATIONS`, which are inlined since labels cannot be parameters), returned
    as ``counts``; ``carry``: variables the statement bound before (returned first, as they are).

    >>> population_query(["Household"], carry=["states"]).splitlines()[-1]
    'RETURN states, [c0] AS counts'
    """
    allowed = {n for names_ in POPULATIONS.values() for n in names_}
    parts = []
    for i, name in enumerate(names):
        if name not in allowed:
            raise ValueError(f"not a population label or type: {name!r}")
        pattern = f"()-[x:{name}]->()" if name.isupper() else f"(x:{name})"
        parts.append(f"CALL () {{ MATCH {pattern} RETURN count(x) AS c{i} }}")
    counts = "[" + ", ".join(f"c{i}" for i in range(len(names))) + "] AS counts"
    return "\n".join(parts) + "\nRETURN " + ", ".join([*carry, counts])


def population_counts(graph: Graph, metrics: Iterable[str]) -> dict[str, str]:
    """Per metric, its population fingerprint now: ``"Household=120;LINKS=96;Region=7"``.

    Every count comes from Neo4j's count store (``NodeCountFromCountStore`` /
    ``RelationshipCountFromCountStore``), so this costs one round trip whatever the graph's size.
    """
    metrics = list(metrics)
    names = sorted({n for m in metrics for n in POPULATIONS[m]})
    if not names:
        return {}
    rows = graph.read(population_query(names))
    counts = dict(zip(names, rows[0]["counts"], strict=True))
    return {m: ";".join(f"{n}={counts[n]}" for n in sorted(POPULATIONS[m])) for m in metrics}


def summary_key(graph: Graph, *, metric: str, policy: Policy) -> str:
    """What the ``summary/*`` queries must be given as ``policy``: the policy fingerprint when the
    metric's population is still the one its summaries were computed from, else
    :data:`CHANGED_OUTSIDE` (matches nothing: the caller falls back to the live query).

    One round trip (the stored state and the count store), checked before every read of summaries.
    """
    names = sorted(POPULATIONS[metric])
    query = f"OPTIONAL MATCH (st:{STATE_LABEL} {{id: $metric}})\nWITH st.population AS recorded\n" + population_query(names, carry=["recorded"])
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
        ".computed_at}) AS states }\n" + population_query(names, carry=["states"])
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
