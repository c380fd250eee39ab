"""Coverage rollups the API serves: a region and its children, two days compared, every metric of
a region (scorecard) and the worst regions at a level (hotspots), each reused while its summaries
stay the same (:mod:`orgnet.coverage.result_cache`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from orgnet.coverage.cursor import MAX_GAP_LIMIT
from orgnet.coverage.metrics import METRICS, Metric, get_metric
from orgnet.coverage.policy import Policy
from orgnet.coverage.result_cache import reused
from orgnet.coverage.stored_or_live import Source, ranked_from_summaries, rollup, summaries_unavailable
from orgnet.errors import InvalidInput, NotFound
from orgnet.graph.db import Graph
from orgnet.graph.model import LEVELS, Level
from orgnet.graph.regions import get_region, region_path

DEFAULT_HOTSPOT_LIMIT = 20


def ratio(covered: int, total: int) -> float | None:
    """``covered / total`` rounded to 6 places; ``None`` when there is nothing to cover.

    >>> ratio(1, 3), ratio(0, 0)
    (0.333333, None)
    """
    return round(covered / total, 6) if total else None


def default_region_id(graph: Graph) -> str:
    """The topmost region loaded (the nation, else a province, else a city; the first by id):
    徐州市 in the city demo, the nation when a province was seeded (issue 15)."""
    rows = graph.read(
        "MATCH (r:Region) WHERE r.level IN ['nation', 'province', 'city'] "
        "RETURN r.id AS id ORDER BY CASE r.level WHEN 'nation' THEN 0 WHEN 'province' THEN 1 ELSE 2 END, id LIMIT 1"
    )
    if not rows:
        raise NotFound("No city is loaded, so there is no default region; import a bundle first.")
    return rows[0]["id"]


def resolve_region(graph: Graph, *, region_id: str | None) -> dict[str, Any]:
    """The region (default: the city root) with its ancestor path; :class:`NotFound` if unknown."""
    return get_region(graph, region_id=region_id or default_region_id(graph))


def _policy_named(policy: Policy, fingerprint: str | None) -> Policy:
    """The configured policy (default or regional, ``POLICY_FILES``) with this fingerprint; the
    default for ``mixed`` or an unknown one."""
    from orgnet.coverage.summary_state import policy_fingerprint

    for p in policy.regional.values():
        if policy_fingerprint(p) == fingerprint:
            return p
    return policy


def _line(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "level": row["level"],
        "covered": row["covered"],
        "total": row["total"],
        "ratio": ratio(row["covered"], row["total"]),
        "policy": row.get("policy"),
    }


def coverage(
    graph: Graph, *, metric: str, region_id: str | None = None, as_of: dt.date | None = None, policy: Policy, source: Source = "auto"
) -> dict[str, Any]:
    """Covered / total / ratio for the region and each child region (explicit zeros).

    Parameters
    ----------
    graph
        The database.
    metric
        A metric name (:data:`orgnet.coverage.metrics.METRICS`); :class:`NotFound` otherwise.
    region_id
        The region (default: the city root); :class:`NotFound` when unknown.
    as_of
        The day assignments must be active on (default: today).
    policy
        What counts as covered.
    source
        See :data:`Source`.

    Returns
    -------
    dict
        ``{metric, as_of, region: {id, name, level, path}, covered, total, ratio, children:
        [{id, name, level, covered, total, ratio}]}``; ``ratio`` is ``None`` when ``total`` is 0.
    """
    m = get_metric(metric)
    as_of = as_of or dt.date.today()
    return reused(
        graph,
        policy=policy,
        metrics=[m.name],
        source=source,
        what=("coverage", m.name, region_id, as_of),
        compute=lambda keys: _coverage(graph, m=m, region_id=region_id, as_of=as_of, policy=policy, source=source, keys=keys),
    )


def _coverage(
    graph: Graph, *, m: Metric, region_id: str | None, as_of: dt.date, policy: Policy, source: Source, keys: Mapping[str, str] | None
) -> dict[str, Any]:
    region = resolve_region(graph, region_id=region_id)
    top, groups = rollup(graph, metric=m.name, region_id=region["id"], as_of=as_of, policy=policy, source=source, keys=keys)
    return {
        "metric": m.name,
        "as_of": as_of.isoformat(),
        "region": region,
        "covered": top["covered"],
        "total": top["total"],
        "ratio": ratio(top["covered"], top["total"]),
        # which policy the figures were computed under (issue 15: a city may have its own)
        "policy": top.get("policy"),
        "policies": top.get("policies") or [],
        "children": [_line(g) for g in groups],
    }


def compare(graph: Graph, *, metric: str, region_id: str | None = None, before: dt.date, after: dt.date, policy: Policy) -> dict[str, Any]:
    """Coverage of the region and its children on two days, with the change in covered items."""
    first = coverage(graph, metric=metric, region_id=region_id, as_of=before, policy=policy)
    second = coverage(graph, metric=metric, region_id=first["region"]["id"], as_of=after, policy=policy)
    by_id = {c["id"]: c for c in first["children"]}

    def delta(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        return {
            "covered_before": a["covered"],
            "covered_after": b["covered"],
            "total_before": a["total"],
            "total_after": b["total"],
            "ratio_before": a["ratio"],
            "ratio_after": b["ratio"],
            "covered_change": b["covered"] - a["covered"],
        }

    return {
        "metric": first["metric"],
        "region": first["region"],
        "before": before.isoformat(),
        "after": after.isoformat(),
        **delta(first, second),
        "children": [{"id": c["id"], "name": c["name"], "level": c["level"], **delta(by_id[c["id"]], c)} for c in second["children"] if c["id"] in by_id],
    }


def scorecard(graph: Graph, *, region_id: str, as_of: dt.date | None = None, policy: Policy, source: Source = "auto") -> dict[str, Any]:
    """Every metric for one region, each with its status colour from the policy."""
    as_of = as_of or dt.date.today()
    return reused(
        graph,
        policy=policy,
        metrics=[m.name for m in METRICS],
        source=source,
        what=("scorecard", region_id, as_of),
        compute=lambda keys: _scorecard(graph, region_id=region_id, as_of=as_of, policy=policy, source=source, keys=keys),
    )


def _scorecard(graph: Graph, *, region_id: str, as_of: dt.date, policy: Policy, source: Source, keys: Mapping[str, str] | None) -> dict[str, Any]:
    region = resolve_region(graph, region_id=region_id)
    lines = []
    for m in METRICS:
        top, _ = rollup(graph, metric=m.name, region_id=region["id"], as_of=as_of, policy=policy, group_level=region["level"], source=source, keys=keys)
        r = ratio(top["covered"], top["total"])
        own = _policy_named(policy, top.get("policy"))
        lines.append(
            {
                "metric": m.name,
                "title_en": m.title_en,
                "title_zh": m.title_zh,
                "covered": top["covered"],
                "total": top["total"],
                "ratio": r,
                "uncovered": top["total"] - top["covered"],
                "status": own.status_for(r),  # the thresholds of the policy the figures were computed under
                "policy": top.get("policy"),
            }
        )
    return {"region": region, "as_of": as_of.isoformat(), "metrics": lines}


def hotspots(
    graph: Graph,
    *,
    metric: str,
    region_id: str | None = None,
    level: Level | str | None = None,
    as_of: dt.date | None = None,
    policy: Policy,
    limit: int = DEFAULT_HOTSPOT_LIMIT,
    source: Source = "auto",
) -> dict[str, Any]:
    """Descendant regions at ``level`` (default: one below the region) ranked by uncovered
    count (desc), then ratio (asc), then id."""
    m = get_metric(metric)
    as_of = as_of or dt.date.today()
    lvl_key = Level(level).value if isinstance(level, Level) else level
    return reused(
        graph,
        policy=policy,
        metrics=[m.name],
        source=source,
        what=("hotspots", m.name, region_id, lvl_key, as_of, limit),
        compute=lambda keys: _hotspots(graph, m=m, region_id=region_id, level=level, as_of=as_of, policy=policy, limit=limit, source=source, keys=keys),
    )


def _hotspots(
    graph: Graph,
    *,
    m: Metric,
    region_id: str | None,
    level: Level | str | None,
    as_of: dt.date,
    policy: Policy,
    limit: int,
    source: Source,
    keys: Mapping[str, str] | None,
) -> dict[str, Any]:
    if not 1 <= limit <= MAX_GAP_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_GAP_LIMIT}.", errors=[{"field": "limit", "reason": "out of range"}])
    region = resolve_region(graph, region_id=region_id)
    rank = Level(region["level"]).rank
    if level is None:
        if rank + 1 >= len(LEVELS):
            raise InvalidInput("A village has no regions below it.", errors=[{"field": "level", "reason": "nothing below a village"}])
        level = LEVELS[rank + 1]
    try:
        lvl = Level(level)
    except ValueError:
        raise InvalidInput(
            f"Unknown level {level!r}.", errors=[{"field": "level", "reason": "use a level below the region's: province, city, county, town or village"}]
        ) from None
    if lvl.rank <= Level(region["level"]).rank:
        raise InvalidInput(
            f"level must be below the region's level ({region['level']}).",
            errors=[{"field": "level", "reason": f"{lvl.value} is not below {region['level']}"}],
        )
    ranked = (
        ranked_from_summaries(graph, metric=m.name, region_id=region["id"], level=lvl.value, as_of=as_of, policy=policy, limit=limit, keys=keys)
        if source != "live"
        else None
    )
    if ranked is None:
        if source == "summary":
            raise summaries_unavailable(m)
        _, groups = rollup(graph, metric=m.name, region_id=region["id"], as_of=as_of, policy=policy, group_level=lvl, source="live")
        paths = None
    else:
        groups, paths = ranked, {g["id"]: region_path(g["path_ids"], g["path_names"]) for g in ranked}
    rows = []
    for g in groups:
        r = ratio(g["covered"], g["total"])
        rows.append(
            {
                "id": g["id"],
                "name": g["name"],
                "uncovered": g["total"] - g["covered"],
                "covered": g["covered"],
                "total": g["total"],
                "ratio": r,
                "policy": g.get("policy"),
            }
        )
    rows.sort(key=lambda x: (-x["uncovered"], x["ratio"] if x["ratio"] is not None else 2.0, x["id"]))
    rows = rows[:limit]
    paths = paths if paths is not None else _paths(graph, [x["id"] for x in rows])
    for x in rows:
        x["path"] = paths.get(x["id"], [])
    return {"metric": m.name, "as_of": as_of.isoformat(), "region": region, "level": lvl.value, "items": rows}


def _paths(graph: Graph, ids: list[str]) -> dict[str, list[dict[str, str]]]:
    if not ids:
        return {}
    rows = graph.read(
        "UNWIND $ids AS id MATCH (r:Region {id: id}) RETURN r.id AS id, r.path_ids AS ids, r.path_names AS names",
        {"ids": ids},
    )
    return {r["id"]: region_path(r["ids"], r["names"]) for r in rows}
