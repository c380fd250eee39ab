"""Coverage, gaps, scorecards and hotspots: the data access functions the API calls.

Every function is keyword-only, takes the :class:`~orgnet.graph.db.Graph` and a
:class:`~orgnet.coverage.policy.Policy`, and runs the named library queries
(``orgnet/queries/{coverage,gaps,status}/<metric>.cypher``) in READ transactions with the
graph's timeout, so Neo4j Browser users and API clients run the very same Cypher.

Each *find* has a *check*: :func:`gaps` / :func:`is_covered` in general, and per metric
e.g. :func:`uncovered_enterprises` / :func:`is_enterprise_covered`.

It is over 400 lines because it still holds cursors, rollups, gaps and the stored-or-live choice; splitting it by topic is planned (issue 11).
"""

from __future__ import annotations

import base64
import binascii
import copy
import datetime as dt
import hashlib
import hmac
import json
import secrets
import threading
from collections.abc import Callable, Mapping
from typing import Any, Literal, TypeVar

from cachetools import LRUCache

from orgnet.coverage.metrics import METRICS, Metric, get_metric
from orgnet.coverage.policy import Policy
from orgnet.coverage.summaries import summary_key, summary_view
from orgnet.errors import InvalidInput, NotFound, SummariesUnavailable
from orgnet.graph.db import Graph
from orgnet.graph.model import LEVELS, Level
from orgnet.graph.regions import get_region, region_path
from orgnet.queries.library import library, run_query

DEFAULT_GAP_LIMIT = 50
MAX_GAP_LIMIT = 500
DEFAULT_HOTSPOT_LIMIT = 20
CURSOR_VERSION = 1
Source = Literal["auto", "summary", "live"]
"""Where rollups come from: the stored summaries when fresh (``auto``, the default), only the
summaries (``summary``: :class:`~orgnet.errors.SummariesUnavailable` when they are not fresh), or the
live queries that visit every item (``live``)."""


# ----------------------------------------------------------------------------- helpers


def ratio(covered: int, total: int) -> float | None:
    """``covered / total`` rounded to 6 places; ``None`` when there is nothing to cover.

    >>> ratio(1, 3), ratio(0, 0)
    (0.333333, None)
    """
    return round(covered / total, 6) if total else None


# Signs cursors when the caller passes no key (CLI, tests, the export's own paging): such
# cursors stay valid only in this process.  The API passes the server's key (``CURSOR_SECRET``).
_PROCESS_CURSOR_KEY = secrets.token_bytes(32)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(payload: str, key: bytes) -> str:
    return _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())


def encode_cursor(*, metric: str, region_id: str, as_of: dt.date, after: str, total: int | None = None, key: bytes | None = None) -> str:
    """A signed cursor: where the next page starts, which listing it belongs to, and the
    listing's total as counted for the first page (later pages do not count again), signed with
    HMAC-SHA256 under ``key`` so that neither the position nor the total can be forged.

    >>> c = encode_cursor(metric="cadre_load", region_id="320300", as_of=dt.date(2020, 3, 31), after="c-9", total=3, key=b"k")
    >>> decode_cursor(c, metric="cadre_load", region_id="320300", as_of=dt.date(2020, 3, 31), key=b"k")
    'c-9'
    >>> cursor_total(c, key=b"k")
    3
    >>> decode_cursor(c, metric="cadre_load", region_id="320300", as_of=dt.date(2020, 3, 31), key=b"other")
    Traceback (most recent call last):
    ...
    orgnet.errors.InvalidInput: The cursor is not one this API issued (malformed, altered or signed with another key).
    """
    raw = json.dumps({"v": CURSOR_VERSION, "m": metric, "r": region_id, "d": as_of.isoformat(), "a": after, "t": total}, separators=(",", ":"))
    payload = _b64(raw.encode())
    return f"{payload}.{_signature(payload, key or _PROCESS_CURSOR_KEY)}"


def _cursor_data(cursor: str, key: bytes | None) -> dict[str, Any] | None:
    """The cursor's content when its signature holds under ``key``; ``None`` otherwise."""
    payload, dot, signature = cursor.partition(".")
    if not dot or not hmac.compare_digest(signature.encode(), _signature(payload, key or _PROCESS_CURSOR_KEY).encode()):
        return None
    try:
        data = json.loads(_unb64(payload))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    ok = isinstance(data, dict) and data.get("v") == CURSOR_VERSION and isinstance(data.get("a"), str)
    return data if ok else None


def cursor_total(cursor: str, *, key: bytes | None = None) -> int | None:
    """The total a valid cursor carries (``None``: none, or not a valid cursor)."""
    data = _cursor_data(cursor, key)
    total = data.get("t") if data else None
    return total if isinstance(total, int) and not isinstance(total, bool) and total >= 0 else None


def decode_cursor(cursor: str, *, metric: str, region_id: str, as_of: dt.date, key: bytes | None = None) -> str:
    """The last id of the previous page; :class:`InvalidInput` (naming the ``cursor`` field) for
    a cursor that is malformed, altered, signed with another key or issued for another listing."""
    data = _cursor_data(cursor, key)
    if data is None:
        raise InvalidInput(
            "The cursor is not one this API issued (malformed, altered or signed with another key).",
            errors=[{"field": "cursor", "reason": "malformed or altered: use next_cursor exactly as returned"}],
        )
    if (data.get("m"), data.get("r"), data.get("d")) != (metric, region_id, as_of.isoformat()):
        raise InvalidInput(
            "The cursor belongs to another listing (metric, region or as_of differ).",
            errors=[{"field": "cursor", "reason": "issued for another metric, region or date"}],
        )
    return data["a"]


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


def _params(policy: Policy, **values: Any) -> dict[str, Any]:
    out = policy.query_params()
    for k, v in values.items():
        out[k] = v.isoformat() if isinstance(v, dt.date) else v
    return out


def _item(metric: Metric, row: dict[str, Any], *, personal: bool) -> dict[str, Any]:
    details = row.get("details") or {}
    _normalise_details(metric, details)
    return {
        "id": row["id"],
        "label": metric.label,
        "name": row.get("name") if (personal or not metric.personal) else None,
        "region_path": region_path(row.get("path_ids"), row.get("path_names")),
        "reason": metric.reason(details),
        "details": details,
    }


def _normalise_details(metric: Metric, details: dict[str, Any]) -> None:
    """Deterministic order for lists Cypher returns unordered; dates as ISO strings."""
    if "outside_jurisdiction" in details:
        details["outside_jurisdiction"] = sorted(details["outside_jurisdiction"], key=lambda o: (o["cadre_id"], o["level"]))
    if "deployed" in details:
        details["deployed"] = sorted(details["deployed"], key=lambda t: t["team_id"])
    for key, value in list(details.items()):
        if isinstance(value, dt.date):
            details[key] = value.isoformat()


# ----------------------------------------------------------------------------- results reused while the summaries stay the same

RESULT_CACHE_ROWS = 20_000
"""How much the reused results may hold (an LRU), in rows: a result weighs one plus its child,
metric and item rows (a city coverage 11, a gap page of 50 items 51), so memory stays bounded
(about 20 MB at most) whatever is asked."""
REUSED_GAP_PAGE_MAX = 100
"""Gap pages larger than this are not kept (exports page through 500 at a time: they would push
every cheap read out of the LRU and gain nothing)."""


def _rows(result: Any) -> int:
    if not isinstance(result, dict):
        return 1
    return 1 + sum(len(result.get(k) or ()) for k in ("children", "metrics", "items"))


_results: LRUCache = LRUCache(maxsize=RESULT_CACHE_ROWS, getsizeof=_rows)
_results_lock = threading.Lock()
T = TypeVar("T")


def _reused(
    graph: Graph,
    *,
    policy: Policy,
    metrics: list[str],
    source: Source,
    what: tuple[Any, ...],
    compute: Callable[[Mapping[str, str] | None], T],
    keep: bool = True,
) -> T:
    """``compute(keys)``, or the result it gave before for the same ``what`` while the summaries of
    ``metrics`` have not changed.

    One round trip (:func:`~orgnet.coverage.summaries.summary_view`) reads every metric's state and
    population, and gives ``compute`` the ``policy`` value of the ``summary/*`` queries, so that no
    metric costs a round trip of its own.  A result is reused only while every metric it depends on
    is usable (fresh, this policy, population unchanged) with the same generation and refresh time:
    any orgnet write makes them stale (then nothing is reused and the live queries run) and every
    refresh gives them a new refresh time, so a number is never served from before a write or a
    refresh.  Edits outside orgnet that change only properties are not seen, as by the summaries
    themselves (``orgnet summaries refresh`` after them).
    """
    if source == "live":
        return compute(None)
    view = summary_view(graph, policy=policy)
    token = view.token(metrics)
    if token is None or not keep:
        return compute(view.keys)
    key = (graph.database, id(graph.driver), _policy_identity(policy), what, token)
    with _results_lock:
        hit = _results.get(key)
    if hit is not None:
        return copy.deepcopy(hit)
    result = compute(view.keys)
    if _rows(result) <= RESULT_CACHE_ROWS // 10:
        with _results_lock:
            _results[key] = copy.deepcopy(result)
    return result


def _policy_identity(policy: Policy) -> str:
    """The whole policy (status thresholds too, which the summaries' fingerprint leaves out)."""
    return hashlib.sha256(policy.model_dump_json().encode()).hexdigest()


def _key(graph: Graph, keys: Mapping[str, str] | None, metric: str, policy: Policy) -> str:
    return keys[metric] if keys is not None else summary_key(graph, metric=metric, policy=policy)


# ----------------------------------------------------------------------------- rollups


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
    ``coverage/<metric>``, which visits every item; both give the same rows.  ``keys``: the
    :class:`~orgnet.coverage.summaries.SummaryView` keys of this request (default: read now).
    """
    m = get_metric(metric)
    gl = Level(group_level).value if group_level else None
    if source != "live":
        values = {"metric": m.name, "region": region_id, "as_of": as_of.isoformat(), "group_level": gl, "policy": _key(graph, keys, m.name, policy)}
        rows, _ = run_query(graph, library().get("summary/rollup"), values)
        if rows:
            return rows[0], rows[1:]
        if source == "summary":
            raise _unavailable(m, region_id)
    values = _params(policy, region=region_id, as_of=as_of, group_level=gl)
    rows, _ = run_query(graph, library().get(m.rollup_query), values)
    if not rows:
        raise NotFound(f"No region with id {region_id!r}.")
    region_row, groups = rows[0], rows[1:]
    return region_row, groups


def _unavailable(m: Metric, region_id: str | None = None) -> SummariesUnavailable:
    """For ``source="summary"`` when the stored summaries cannot answer."""
    unknown = f" (or there is no region {region_id!r})" if region_id else ""
    return SummariesUnavailable(f"The stored summaries of {m.name} are stale, missing or from another policy{unknown}.")


def gap_regions(
    graph: Graph, *, metric: str, region_id: str, as_of: dt.date, policy: Policy, keys: Mapping[str, str] | None = None
) -> tuple[list[str], int, int] | None:
    """``(ids, uncovered, items)``: the regions under ``region_id`` whose own items have gaps on the
    day, the number of uncovered items under it, and the number of items located in those regions,
    from the stored summaries; ``None`` when they are not fresh for this policy."""
    m = get_metric(metric)
    values = {"metric": m.name, "region": region_id, "as_of": as_of.isoformat(), "policy": _key(graph, keys, m.name, policy)}
    rows, _ = run_query(graph, library().get("summary/gap_regions"), values)
    if not rows or not rows[0]["fresh"] or rows[0]["uncovered"] is None:
        return None
    return rows[0]["ids"], rows[0]["uncovered"], rows[0]["items"] or 0


def _line(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "level": row["level"],
        "covered": row["covered"],
        "total": row["total"],
        "ratio": ratio(row["covered"], row["total"]),
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
    return _reused(
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
    return _reused(
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
        lines.append(
            {
                "metric": m.name,
                "title_en": m.title_en,
                "title_zh": m.title_zh,
                "covered": top["covered"],
                "total": top["total"],
                "ratio": r,
                "uncovered": top["total"] - top["covered"],
                "status": policy.status_for(r),
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
    return _reused(
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
        _ranked_from_summaries(graph, metric=m.name, region_id=region["id"], level=lvl.value, as_of=as_of, policy=policy, limit=limit, keys=keys)
        if source != "live"
        else None
    )
    if ranked is None:
        if source == "summary":
            raise _unavailable(m)
        _, groups = rollup(graph, metric=m.name, region_id=region["id"], as_of=as_of, policy=policy, group_level=lvl, source="live")
        paths = None
    else:
        groups, paths = ranked, {g["id"]: region_path(g["path_ids"], g["path_names"]) for g in ranked}
    rows = []
    for g in groups:
        r = ratio(g["covered"], g["total"])
        rows.append({"id": g["id"], "name": g["name"], "uncovered": g["total"] - g["covered"], "covered": g["covered"], "total": g["total"], "ratio": r})
    rows.sort(key=lambda x: (-x["uncovered"], x["ratio"] if x["ratio"] is not None else 2.0, x["id"]))
    rows = rows[:limit]
    paths = paths if paths is not None else _paths(graph, [x["id"] for x in rows])
    for x in rows:
        x["path"] = paths.get(x["id"], [])
    return {"metric": m.name, "as_of": as_of.isoformat(), "region": region, "level": lvl.value, "items": rows}


def _ranked_from_summaries(
    graph: Graph, *, metric: str, region_id: str, level: str, as_of: dt.date, policy: Policy, limit: int, keys: Mapping[str, str] | None = None
) -> list[dict[str, Any]] | None:
    """The first ``limit`` regions of the ranking, from the stored summaries (``None``: not fresh).
    Ranked in Cypher so that only those rows travel, not every village of a city."""
    values = {"metric": metric, "region": region_id, "level": level, "as_of": as_of.isoformat(), "policy": _key(graph, keys, metric, policy), "limit": limit}
    rows, _ = run_query(graph, library().get("summary/hotspots"), values)
    return rows[0]["items"] if rows and rows[0]["fresh"] else None


def _paths(graph: Graph, ids: list[str]) -> dict[str, list[dict[str, str]]]:
    if not ids:
        return {}
    rows = graph.read(
        "UNWIND $ids AS id MATCH (r:Region {id: id}) RETURN r.id AS id, r.path_ids AS ids, r.path_names AS names",
        {"ids": ids},
    )
    return {r["id"]: region_path(r["ids"], r["names"]) for r in rows}


# ----------------------------------------------------------------------------- gaps (find) and status (check)


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
        How a page is found (see :func:`_walk_page`): ``None`` chooses (the id-order walk when the
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
    return _reused(
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
    after = decode_cursor(cursor, metric=m.name, region_id=region["id"], as_of=as_of, key=cursor_key) if cursor else None
    total = cursor_total(cursor, key=cursor_key) if cursor else None
    # the summaries name the regions holding gaps (and count them and their items), so only their
    # items are visited, or the walk when it reads fewer items (every page: the choice needs it)
    found = None
    if source != "live":
        found = gap_regions(graph, metric=m.name, region_id=region["id"], as_of=as_of, policy=policy, keys=keys)
        if found is None and source == "summary":
            raise _unavailable(m)
    if total is None:
        if found is not None:
            total = found[1]
        else:
            top, _ = rollup(graph, metric=m.name, region_id=region["id"], as_of=as_of, policy=policy, group_level=region["level"], source="live")
            total = top["total"] - top["covered"]
    walked = None
    if total and walk is not False:
        walked = _walk_page(
            graph,
            m,
            region=region,
            as_of=as_of,
            policy=policy,
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
            values = _params(policy, region=region["id"], as_of=as_of, after=after, limit=limit + 1, regions=regions)
            rows, _ = run_query(graph, library().get(m.gaps_query), values)
        items, more = [_item(m, r, personal=personal) for r in rows[:limit]], len(rows) > limit
    next_cursor = encode_cursor(metric=m.name, region_id=region["id"], as_of=as_of, after=items[-1]["id"], total=total, key=cursor_key) if more else None
    return {
        "metric": m.name,
        "as_of": as_of.isoformat(),
        "region": region,
        "total": total,
        "items": items,
        "next_cursor": next_cursor,
    }


# Keyset paging that stays cheap deep down: walk the items in id order (the unique constraint's
# index, read from the cursor's id on) and check each step's items with the metric's status
# query.  A page then reads about ``limit / density`` items, whatever its depth, where the region
# query reads every item under the region on every page.
WALK_STEP_MIN = 200
WALK_STEP_MAX = 5_000
WALK_MAX_SCAN = 20_000


def _walk_page(
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
    population = graph.read(f"MATCH (n:{m.label}) RETURN count(n) AS n")[0]["n"]  # label from the metric allow-list; count store
    if not population:
        return []
    expected = (limit + 1) * population / max(total, 1)
    if not force and (expected > WALK_MAX_SCAN / 4 or (region_items is not None and expected > region_items)):
        return None
    step = int(min(WALK_STEP_MAX, max(WALK_STEP_MIN, 2 * expected)))
    out: list[dict[str, Any]] = []
    scanned = 0
    position = after
    while scanned < WALK_MAX_SCAN or force:
        rows = graph.read(
            f"MATCH (n:{m.label}) WHERE n.id > $after RETURN n.id AS id ORDER BY id LIMIT $step",
            {"after": position or "", "step": step},
        )
        ids = [r["id"] for r in rows]
        status = item_status(graph, metric=m.name, ids=ids, as_of=as_of, policy=policy, personal=personal) if ids else {}
        for item_id in ids:
            item = status.get(item_id)
            if item is None or item["covered"] or not _within_region(item, region):
                continue
            out.append({k: v for k, v in item.items() if k != "covered"})
            if len(out) > limit:
                return out
        if len(ids) < step:
            return out
        position = ids[-1]
        scanned += len(ids)
    return None


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
    values = _params(
        policy,
        ids=list(ids),
        as_of=as_of,
        unavailable_cadres=list(un.get("cadres", [])),
        unavailable_members=list(un.get("members", [])),
        unavailable_teams=list(un.get("teams", [])),
    )
    rows, _ = run_query(graph, library().get(m.status_query), values)
    out = {}
    for row in rows:
        item = _item(m, row, personal=personal)
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


# ----------------------------------------------------------------------------- named find / check pairs


def _find(metric: str):
    def find(
        graph: Graph,
        *,
        region_id: str | None = None,
        as_of: dt.date | None = None,
        policy: Policy,
        limit: int = DEFAULT_GAP_LIMIT,
        cursor: str | None = None,
        personal: bool = False,
    ) -> dict[str, Any]:
        return gaps(graph, metric=metric, region_id=region_id, as_of=as_of, policy=policy, limit=limit, cursor=cursor, personal=personal)

    find.__doc__ = f"One page of uncovered items of ``{metric}`` under the region (see :func:`gaps`)."
    return find


def _check(metric: str):
    def check(graph: Graph, *, item_id: str, as_of: dt.date | None = None, policy: Policy) -> bool:
        return is_covered(graph, metric=metric, item_id=item_id, as_of=as_of, policy=policy)

    check.__doc__ = f"Whether one item is covered for ``{metric}`` (see :func:`is_covered`)."
    return check


uncovered_enterprises = _find("enterprise_pairing")
is_enterprise_covered = _check("enterprise_pairing")
overloaded_cadres = _find("cadre_load")
is_cadre_within_load = _check("cadre_load")
villages_without_party_org = _find("party_org_presence")
has_party_org = _check("party_org_presence")
unlinked_households = _find("household_linkage")
is_household_linked = _check("household_linkage")
members_off_link_target = _find("member_link_load")
is_member_on_link_target = _check("member_link_load")
central_households_off_target = _find("central_household_size")
is_central_household_on_target = _check("central_household_size")
communities_without_team = _find("community_teams")
has_community_team = _check("community_teams")
unstaffed_checkpoints = _find("checkpoint_staffing")
is_checkpoint_staffed = _check("checkpoint_staffing")
unsupported_medical_families = _find("medical_family_support")
is_medical_family_supported = _check("medical_family_support")
underfunded_communities = _find("community_funding")
is_community_funded = _check("community_funding")

FIND_CHECK: dict[str, tuple[str, str]] = {
    "enterprise_pairing": ("uncovered_enterprises", "is_enterprise_covered"),
    "cadre_load": ("overloaded_cadres", "is_cadre_within_load"),
    "party_org_presence": ("villages_without_party_org", "has_party_org"),
    "household_linkage": ("unlinked_households", "is_household_linked"),
    "member_link_load": ("members_off_link_target", "is_member_on_link_target"),
    "central_household_size": ("central_households_off_target", "is_central_household_on_target"),
    "community_teams": ("communities_without_team", "has_community_team"),
    "checkpoint_staffing": ("unstaffed_checkpoints", "is_checkpoint_staffed"),
    "medical_family_support": ("unsupported_medical_families", "is_medical_family_supported"),
    "community_funding": ("underfunded_communities", "is_community_funded"),
}
