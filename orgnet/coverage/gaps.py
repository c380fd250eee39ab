"""Gaps (*find*: uncovered items under a region, one signed page at a time) and status (*check*:
whether given items are covered), through the metrics' library queries.

Each *find* has its *check*: :func:`gaps` / :func:`is_covered`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from orgnet.coverage.cursor import DEFAULT_GAP_LIMIT, MAX_GAP_LIMIT, cursor_total, decode_cursor, encode_cursor
from orgnet.coverage.metrics import Metric, get_metric
from orgnet.coverage.policies import effective_policy
from orgnet.coverage.policy import Policy
from orgnet.coverage.result_cache import REUSED_GAP_PAGE_MAX, reused
from orgnet.coverage.rollups import resolve_region
from orgnet.coverage.stored_or_live import Source, gap_regions, query_params, rollup, summaries_unavailable
from orgnet.errors import InvalidInput, NotFound
from orgnet.graph.db import Graph
from orgnet.graph.regions import region_path
from orgnet.queries.library import library, run_query


def gap_item(metric: Metric, row: dict[str, Any], *, personal: bool, paths: dict[tuple[str, ...], list[dict[str, str]]] | None = None) -> dict[str, Any]:
    """A gap item of the API from a row of a gap or status query; ``paths``: the region paths
    already built (the items of a page share a few regions; each item gets its own copy)."""
    details = row.get("details") or {}
    normalise_details(details)
    path_ids = row.get("path_ids") or []
    key = tuple(path_ids)
    path = paths.get(key) if paths is not None else None
    if path is None:
        path = region_path(path_ids, row.get("path_names"))
        if paths is not None:
            paths[key] = path
    return {
        "id": row["id"],
        "label": metric.item_label(details),
        "name": row.get("name") if (personal or not metric.personal) else None,
        "region_path": [dict(p) for p in path],
        "reason": metric.reason(details),
        "details": details,
    }


def normalise_details(details: dict[str, Any]) -> None:
    """Deterministic order for lists Cypher returns unordered; dates as ISO strings (in place)."""
    if "outside_jurisdiction" in details:
        details["outside_jurisdiction"] = sorted(details["outside_jurisdiction"], key=lambda o: (o["cadre_id"], o["level"]))
    if "deployed" in details:
        details["deployed"] = sorted(details["deployed"], key=lambda t: t["team_id"])
    for key, value in list(details.items()):
        if isinstance(value, dt.date):
            details[key] = value.isoformat()


def gaps(
    graph: Graph,
    *,
    metric: str,
    region_id: str | None = None,
    as_of: dt.date | None = None,
    policy: Policy,
    limit: int = DEFAULT_GAP_LIMIT,
    cursor: str | None = None,
    personal: bool = False,
    source: Source = "auto",
    cursor_key: bytes | None = None,
    walk: bool | None = None,
) -> dict[str, Any]:
    """Uncovered items under the region, in id order, one page at a time (the *find*;
    :func:`is_covered` is the matching *check*).

    Parameters
    ----------
    metric, region_id, as_of, policy
        As for :func:`coverage`.
    limit
        Page size, 1 to :data:`MAX_GAP_LIMIT`.
    cursor
        ``next_cursor`` of the previous page; :class:`InvalidInput` when it is malformed or was
        issued for another metric, region or day.
    personal
        Whether the caller may see names of people and households.
    source
        See :data:`Source`; the stored summaries, when fresh, restrict the search to the regions
        holding gaps on the day.
    cursor_key
        Key that signs and checks cursors (the API's ``CURSOR_SECRET``; default: a key of this
        process).
    walk
        How a page is found (see :func:`walk_page`): ``None`` chooses (the id-order walk when the
        gaps are dense enough for it to be cheap), ``True`` / ``False`` force the walk / the
        region query (for tests that compare the two).

    Returns
    -------
    dict
        ``{metric, as_of, region, total, items: [{id, label, name, region_path, reason,
        details}], next_cursor}``.

    ``total`` is the number of uncovered items under the region (all pages; counted for the
    first page and carried by the cursor); ``next_cursor`` is ``None`` on the last page.  Names of personal items (members, households, medical
    workers, cadres) are returned only with ``personal=True``.
    """
    m = get_metric(metric)
    as_of = as_of or dt.date.today()
    if not 1 <= limit <= MAX_GAP_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_GAP_LIMIT}.", errors=[{"field": "limit", "reason": "out of range"}])
    return reused(
        graph,
        policy=policy,
        metrics=[m.name],
        source=source,
        what=("gaps", m.name, region_id, as_of, limit, cursor, personal, cursor_key, walk),
        keep=limit <= REUSED_GAP_PAGE_MAX,
        compute=lambda keys: _gaps(
            graph,
            m=m,
            region_id=region_id,
            as_of=as_of,
            policy=policy,
            limit=limit,
            cursor=cursor,
            personal=personal,
            source=source,
            cursor_key=cursor_key,
            walk=walk,
            keys=keys,
        ),
    )


def _gaps(
    graph: Graph,
    *,
    m: Metric,
    region_id: str | None,
    as_of: dt.date,
    policy: Policy,
    limit: int,
    cursor: str | None,
    personal: bool,
    source: Source,
    cursor_key: bytes | None,
    walk: bool | None,
    keys: Mapping[str, str] | None,
) -> dict[str, Any]:
    region = resolve_region(graph, region_id=region_id)
    # the items are checked under the region's own policy (POLICY_FILES); a region above several is refused (409)
    own = effective_policy(graph, policy=policy, region_id=region["id"])
    after = decode_cursor(cursor, metric=m.name, region_id=region["id"], as_of=as_of, key=cursor_key) if cursor else None
    total = cursor_total(cursor, key=cursor_key) if cursor else None
    # the summaries name the regions holding gaps (and count them and their items), so only their
    # items are visited, or the walk when it reads fewer items.  A later page (its total in the
    # cursor) tries the walk first and reads them only if the walk is too long: reading them is
    # 9 ms of Neo4j per page at demo scale, a third of what a page of 500 cost
    found = None
    if source == "summary" or (source != "live" and (total is None or walk is False)):
        found = gap_regions(graph, metric=m.name, region_id=region["id"], as_of=as_of, policy=policy, keys=keys)
        if found is None and source == "summary":
            raise summaries_unavailable(m)
    if total is None:
        total = uncovered_total(graph, metric=m.name, region=region, as_of=as_of, policy=policy, found=found)
    walked = None
    if total and walk is not False:
        walked = walk_page(
            graph,
            m,
            region=region,
            as_of=as_of,
            policy=own,
            after=after,
            limit=limit,
            total=total,
            personal=personal,
            force=walk is True,
            region_items=found[2] if found is not None else None,
        )
    if walked is not None:
        items, more = walked[:limit], len(walked) > limit
    else:
        if found is None and source != "live":
            found = gap_regions(graph, metric=m.name, region_id=region["id"], as_of=as_of, policy=policy, keys=keys)
        regions = found[0] if found is not None else None
        if regions == [] or total == 0:
            rows = []
        else:
            values = query_params(own, region=region["id"], as_of=as_of, after=after, limit=limit + 1, regions=regions)
            rows, _ = run_query(graph, library().get(m.gaps_query), values)
        items, more = [gap_item(m, r, personal=personal) for r in rows[:limit]], len(rows) > limit
    next_cursor = encode_cursor(metric=m.name, region_id=region["id"], as_of=as_of, after=items[-1]["id"], total=total, key=cursor_key) if more else None
    return gap_page(m, as_of=as_of, region=region, total=total, items=items, next_cursor=next_cursor)


def gap_page(m: Metric, *, as_of: dt.date, region: dict[str, Any], total: int, items: list[dict[str, Any]], next_cursor: str | None) -> dict[str, Any]:
    """The body of one page of a gap list (the filtered list adds its ``facets``)."""
    return {
        "metric": m.name,
        "as_of": as_of.isoformat(),
        "region": region,
        "total": total,
        "items": items,
        "next_cursor": next_cursor,
    }


def uncovered_total(graph: Graph, *, metric: str, region: dict[str, Any], as_of: dt.date, policy: Policy, found: tuple[list[str], int, int] | None) -> int:
    """The number of uncovered items under the region: the stored summaries' count (``found``,
    from :func:`~orgnet.coverage.stored_or_live.gap_regions`) when they are fresh, else the live rollup's."""
    if found is not None:
        return found[1]
    top, _ = rollup(graph, metric=metric, region_id=region["id"], as_of=as_of, policy=policy, group_level=region["level"], source="live")
    return top["total"] - top["covered"]


# Keyset paging that stays cheap deep down: walk the items in id order (the unique constraint's
# index, read from the cursor's id on) and check each step's items with the metric's status
# query.  A page then reads about ``limit / density`` items, whatever its depth, where the region
# query reads every item under the region on every page.
WALK_STEP_MIN = 200
WALK_STEP_MAX = 5_000
WALK_MAX_SCAN = 20_000


def walk_page(
    graph: Graph,
    m: Metric,
    *,
    region: dict[str, Any],
    as_of: dt.date,
    policy: Policy,
    after: str | None,
    limit: int,
    total: int,
    personal: bool,
    force: bool = False,
    region_items: int | None = None,
) -> list[dict[str, Any]] | None:
    """Up to ``limit + 1`` uncovered items under the region with an id above ``after``, in id
    order, found by walking the metric's items in id order; ``None`` when the walk would read
    more than :data:`WALK_MAX_SCAN` items, or more than ``region_items`` (the items located in
    the regions holding gaps, which the region query reads): sparse gaps, the region query is
    cheaper then (at city scale, 17 enterprises lacking a pairing among 1,500: the walk read all
    1,500 with the status query, 88k db hits, where the region query reads those of 17 villages)."""
    # labels from the metric allow-list; count store
    population = sum(graph.read(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"] for label in m.labels)
    if not population:
        return []
    expected = (limit + 1) * population / max(total, 1)
    if not force and (expected > WALK_MAX_SCAN / 4 or (region_items is not None and expected > region_items)):
        return None
    # a little more than a page's worth: a short step costs one more round trip, a long one checks
    # items no page needs (every step was twice the page: half the status work thrown away)
    step = int(min(WALK_STEP_MAX, max(WALK_STEP_MIN, 1.3 * expected)))
    # every label's ids in one order (a metric whose items are cadres and members: one id once)
    ids_of = " UNION ".join(f"MATCH (n:{label}) WHERE n.id > $after RETURN n.id AS id ORDER BY id LIMIT $step" for label in m.labels)
    out: list[dict[str, Any]] = []
    scanned = 0
    position = after
    paths: dict[tuple[str, ...], list[dict[str, str]]] = {}
    while scanned < WALK_MAX_SCAN or force:
        # one record per query, not one per item: the driver's cost is per record
        ids = graph.read(f"CALL () {{ {ids_of} }} WITH id ORDER BY id LIMIT $step RETURN collect(id) AS ids", {"after": position or "", "step": step})[0]["ids"]
        for row in _uncovered_among(graph, m, ids=ids, as_of=as_of, policy=policy) if ids else []:
            item = gap_item(m, row, personal=personal, paths=paths)
            if not _within_region(item, region):
                continue
            out.append(item)
            if len(out) > limit:
                return out
        if len(ids) < step:
            return out
        position = ids[-1]
        scanned += len(ids)
    return None


def _uncovered_among(graph: Graph, m: Metric, *, ids: list[str], as_of: dt.date, policy: Policy) -> list[dict[str, Any]]:
    """The rows (as the gap query's) of the uncovered items among ``ids`` (one policy), in id
    order: the metric's status query, its covered rows left in the database."""
    query = library().get(m.status_query)
    values = query.bind(query_params(policy, ids=ids, as_of=as_of), strict=False)
    rows = graph.read(
        f"CALL () {{\n{query.body}\n}}\nWITH id, name, path_ids, path_names, details, covered WHERE NOT covered\n"
        "RETURN collect({id: id, name: name, path_ids: path_ids, path_names: path_names, details: details}) AS rows",
        values,
    )
    return rows[0]["rows"] if rows else []


def _within_region(item: dict[str, Any], region: dict[str, Any]) -> bool:
    """Whether an item lies under the region (an item with no region, such as a medical worker
    with no family region, is the city's), as the gap queries decide."""
    path_ids = [p["id"] for p in item["region_path"]]
    if not path_ids:
        return region["level"] == "city"
    return region["id"] in path_ids


def all_gaps(
    graph: Graph,
    *,
    metric: str,
    region_id: str | None = None,
    as_of: dt.date | None = None,
    policy: Policy,
    personal: bool = False,
    source: Source = "auto",
) -> list[dict[str, Any]]:
    """Every uncovered item under the region (all pages; for tests, exports and the CLI)."""
    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = gaps(graph, metric=metric, region_id=region_id, as_of=as_of, policy=policy, limit=MAX_GAP_LIMIT, cursor=cursor, personal=personal, source=source)
        out += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return out


def item_status(
    graph: Graph,
    *,
    metric: str,
    ids: list[str],
    as_of: dt.date | None = None,
    policy: Policy,
    unavailable: dict[str, list[str]] | None = None,
    personal: bool = False,
) -> dict[str, dict[str, Any]]:
    """Status of the given items: ``{id: {covered, name, region_path, reason, details}}``.

    Ids not in the metric's population are absent.  ``unavailable`` (``cadres``, ``members``,
    ``teams``) removes those people's and teams' assignments first (the what-if).
    """
    m = get_metric(metric)
    as_of = as_of or dt.date.today()
    un = unavailable or {}

    def status_rows(under: Policy, item_ids: list[str]) -> list[dict[str, Any]]:
        values = query_params(
            under,
            ids=item_ids,
            as_of=as_of,
            unavailable_cadres=list(un.get("cadres", [])),
            unavailable_members=list(un.get("members", [])),
            unavailable_teams=list(un.get("teams", [])),
        )
        return run_query(graph, library().get(m.status_query), values)[0]

    rows = status_rows(policy.without_regional(), list(ids))
    if policy.regional:
        # each item under its own city's policy (POLICY_FILES): the ones whose region has another
        # policy than the default are asked again under it, as their gap list and rollup count them
        again: dict[str, list[str]] = {}
        for row in rows:
            owner = next((rid for rid in reversed(row.get("path_ids") or []) if rid in policy.regional), None)
            if owner is not None:
                again.setdefault(owner, []).append(row["id"])
        if again:
            redone = {r["id"]: r for owner, item_ids in again.items() for r in status_rows(policy.regional[owner], item_ids)}
            rows = [redone.get(r["id"], r) for r in rows]
    out = {}
    for row in rows:
        item = gap_item(m, row, personal=personal)
        item["covered"] = bool(row["covered"])
        if item["covered"]:
            item["reason"] = None
        out[row["id"]] = item
    return out


def is_covered(graph: Graph, *, metric: str, item_id: str, as_of: dt.date | None = None, policy: Policy) -> bool:
    """Whether one item is covered; :class:`NotFound` when it is not in the metric's population."""
    status = item_status(graph, metric=metric, ids=[item_id], as_of=as_of, policy=policy)
    if item_id not in status:
        m = get_metric(metric)
        raise NotFound(f"{item_id!r} is not in the population of {m.name} ({m.population}).")
    return status[item_id]["covered"]
