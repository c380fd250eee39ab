"""The stored-or-live choice: rollups and gap regions from the stored coverage summaries when they
are fresh for the policy (:mod:`orgnet.coverage.summaries`), else from the live queries that visit
every item; both give the same rows (:data:`Source` lets a caller insist on one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from orgnet.coverage.metrics import Metric, get_metric
from orgnet.coverage.policies import effective_policy
from orgnet.coverage.policy import Policy
from orgnet.coverage.summary_state import policy_fingerprint, summary_key
from orgnet.errors import NotFound, SummariesUnavailable
from orgnet.graph.db import Graph
from orgnet.graph.model import Level
from orgnet.queries.library import library, run_query
from orgnet.queries.params import MAX_LIST

Source = Literal["auto", "summary", "live"]
"""Where rollups come from: the stored summaries when fresh (``auto``, the default), only the
summaries (``summary``: :class:`~orgnet.errors.SummariesUnavailable` when they are not fresh), or the
live queries that visit every item (``live``)."""


def query_params(policy: Policy, **values: Any) -> dict[str, Any]:
    out = policy.query_params()
    for k, v in values.items():
        out[k] = v.isoformat() if isinstance(v, dt.date) else v
    return out


def _key(graph: Graph, keys: Mapping[str, str] | None, metric: str, policy: Policy) -> str:
    return keys[metric] if keys is not None else summary_key(graph, metric=metric, policy=policy)


def rollup(
    graph: Graph,
    *,
    metric: str,
    region_id: str,
    as_of: dt.date,
    policy: Policy,
    group_level: Level | str | None = None,
    source: Source = "auto",
    keys: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """``(region_row, group_rows)`` of the metric's rollup; rows carry ``covered``/``total``.

    ``group_level`` (default: one level below the region) chooses the group rows.  The rows come
    from ``summary/rollup`` (the stored summaries) when they are fresh for this policy, else from
    ``coverage/<metric>``, which visits every item; both give the same rows.  Each row says the
    ``policy`` its figures were computed under (a fingerprint, or ``"mixed"`` with ``policies``).  ``keys``: the
    :class:`~orgnet.coverage.summary_state.SummaryView` keys of this request (default: read now).
    """
    m = get_metric(metric)
    gl = Level(group_level).value if group_level else None
    if source != "live":
        values = {"metric": m.name, "region": region_id, "as_of": as_of.isoformat(), "group_level": gl, "policy": _key(graph, keys, m.name, policy)}
        rows, _ = run_query(graph, library().get("summary/rollup"), values)
        if rows:
            return rows[0], rows[1:]
        if source == "summary":
            raise summaries_unavailable(m, region_id)
    # one policy per live query: a region's own (POLICY_FILES), refused above regions with different ones
    own = effective_policy(graph, policy=policy, region_id=region_id)
    values = query_params(own, region=region_id, as_of=as_of, group_level=gl)
    rows, _ = run_query(graph, library().get(m.rollup_query), values)
    if not rows:
        raise NotFound(f"No region with id {region_id!r}.")
    fingerprint = policy_fingerprint(own)
    rows = [{**row, "policy": fingerprint, "policies": [fingerprint]} for row in rows]
    region_row, groups = rows[0], rows[1:]
    return region_row, groups


def summaries_unavailable(m: Metric, region_id: str | None = None) -> SummariesUnavailable:
    """For ``source="summary"`` when the stored summaries cannot answer."""
    unknown = f" (or there is no region {region_id!r})" if region_id else ""
    return SummariesUnavailable(f"The stored summaries of {m.name} are stale, missing or from another policy{unknown}.")


def gap_regions(
    graph: Graph, *, metric: str, region_id: str, as_of: dt.date, policy: Policy, keys: Mapping[str, str] | None = None
) -> tuple[list[str] | None, int, int] | None:
    """``(ids, uncovered, items)``: the regions under ``region_id`` whose own items have gaps on the
    day, the number of uncovered items under it, and the number of items located in those regions,
    from the stored summaries; ``None`` when they are not fresh for this policy.

    ``ids`` is ``None`` when more regions hold gaps than a query parameter may list
    (:data:`~orgnet.queries.params.MAX_LIST`): the gap queries then search every region under
    ``region_id`` as they do without summaries.  A province's 19,664 villages made the gap list of
    the province (and of the nation above it) a 400 before."""
    m = get_metric(metric)
    values = {"metric": m.name, "region": region_id, "as_of": as_of.isoformat(), "policy": _key(graph, keys, m.name, policy)}
    rows, _ = run_query(graph, library().get("summary/gap_regions"), values)
    if not rows or not rows[0]["fresh"] or rows[0]["uncovered"] is None:
        return None
    ids = rows[0]["ids"]
    return (ids if len(ids) <= MAX_LIST else None), rows[0]["uncovered"], rows[0]["items"] or 0


def ranked_from_summaries(
    graph: Graph, *, metric: str, region_id: str, level: str, as_of: dt.date, policy: Policy, limit: int, keys: Mapping[str, str] | None = None
) -> list[dict[str, Any]] | None:
    """The first ``limit`` regions of the ranking, from the stored summaries (``None``: not fresh).
    Ranked in Cypher so that only those rows travel, not every village of a city."""
    values = {"metric": metric, "region": region_id, "level": level, "as_of": as_of.isoformat(), "policy": _key(graph, keys, metric, policy), "limit": limit}
    rows, _ = run_query(graph, library().get("summary/hotspots"), values)
    return rows[0]["items"] if rows and rows[0]["fresh"] else None
