"""Filters, totals and facets of a gap list: ``reason``, ``within`` and ``q`` of ``GET /v1/gaps/{metric}``.

A planner narrows a list of 146k uncovered households down to one reason, one sub-region or a
name: the filtering happens here, on the server, so ``total`` is the number of items of the
*filtered* list and every page of it is found without the client holding the whole list.

* **reason codes** (:func:`reason_codes`): a gap's reason is text written from its ``details``
  (:mod:`orgnet.coverage.metrics`); a code names its kind (``never_linked``, ``link_ended``,
  ...), the same codes the dashboard's reason filter shows.  Each metric unit holds its codes,
  their texts and their Cypher predicates (``categories``, ``category_texts``,
  ``category_predicates``): this module holds none of a metric's own.
* **facets** (:func:`filtered_gaps`): counts of the list by reason code and by child region of
  ``region``, each narrowed by the *other* filters (the sub-regions' counts are those of the chosen
  reason and text, the reasons' those of the chosen sub-region and text; unfiltered, the whole
  list's), so a client can offer every choice with the count it would show.  They are counted
  once, on the first page, and carried by the signed cursor with the filtered total, as
  :func:`orgnet.coverage.gaps.gaps` carries its total.
* **in the database**: the metric's own gap query runs as a subquery and a generic wrapper
  filters and counts around it (:func:`page_query`, :func:`facets_query`), so only a page or a
  few count rows leave Neo4j, and the metric's rule stays in one place.
* **paging** stays keyset (after the last id): a later page is one pass over the gaps above the
  cursor's id (under ``within`` when given), whatever its depth.

``q`` matches a name only where the caller may see it: the name of a household is not searched
for a caller who may not read it (else the count would reveal it), nor the name of the person a
record is named after (a promotion, an application, a death on duty) when that person lies outside
the caller's scope (``name_scope``; :mod:`orgnet.coverage.named`): a 丰县 planner's search for a 沛县
cadre's name finds nothing, as the list shows that name to them nowhere.

>>> reason_codes("household_linkage", {"active_links": 0, "last_link_ended": None})
['never_linked']
>>> reason_codes("enterprise_pairing", {"missing_levels": ["county"], "outside_jurisdiction": [{"cadre_id": "c", "level": "town"}]})
['missing_county', 'outside']
>>> GapFilter(reason="never_linked", within=None, q=" 刘庄 ").q
'刘庄'
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from orgnet.coverage.cursor import DEFAULT_GAP_LIMIT, MAX_GAP_LIMIT, open_cursor, sign_cursor
from orgnet.coverage.gaps import gap_item, gap_page, gaps
from orgnet.coverage.metrics import METRICS, Metric, get_metric
from orgnet.coverage.named import NAMED_AFTER, named_after_person
from orgnet.coverage.policy import Policy
from orgnet.coverage.rollups import resolve_region
from orgnet.coverage.stored_or_live import gap_regions, query_params
from orgnet.errors import InvalidInput
from orgnet.graph.db import Graph
from orgnet.queries.library import library

# Every reason code of each metric, in the order facets list them (the metric units say which).
REASON_CODES: dict[str, tuple[str, ...]] = {m.name: tuple(m.category_texts) for m in METRICS}
ALL_REASON_CODES: tuple[str, ...] = tuple(sorted({code for codes in REASON_CODES.values() for code in codes}))
ReasonCode = Literal[ALL_REASON_CODES]  # type: ignore[valid-type]
"""The ``reason`` parameter's type: a reason code of some metric (the OpenAPI document lists them); a
code of another metric than the listing's matches no gap of it (an empty list, not an error)."""
Q_MAX_LENGTH = 100


def reason_codes(metric: str, details: dict[str, Any] | None) -> list[str]:
    """The reason codes of one gap, from its ``details`` (an enterprise may have several)."""
    return list(get_metric(metric).categories(details or {}))


@dataclass(frozen=True)
class GapFilter:
    """What a client narrows a gap list to; every part optional (``None``: no filter)."""

    reason: str | None = None
    within: str | None = None
    q: str | None = None

    def __post_init__(self) -> None:
        q = (self.q or "").strip()
        object.__setattr__(self, "q", q or None)

    @property
    def active(self) -> bool:
        return bool(self.reason or self.within or self.q)

    def key(self) -> list[Any]:
        return [self.reason, self.within, self.q]

    def matches(self, item: dict[str, Any], *, metric: str) -> bool:
        if self.reason and self.reason not in reason_codes(metric, item.get("details")):
            return False
        path = item.get("region_path") or []
        if self.within and self.within not in (p["id"] for p in path):
            return False
        if self.q:
            needle = self.q.casefold()
            # the name only where the caller sees it (a hidden name is None in the item)
            hay = [item.get("id") or "", item.get("name") or ""] + [p["name"] for p in path] + [p["id"] for p in path]
            if not any(needle in str(h).casefold() for h in hay):
                return False
        return True


def check_filter(graph: Graph, *, metric: Metric, region: dict[str, Any], gap_filter: GapFilter) -> None:
    """:class:`InvalidInput` (naming the field) for a ``within`` that is not ``region`` or a region
    under it (a reason code the metric does not have is no error: no gap has it)."""
    if gap_filter.q and len(gap_filter.q) > Q_MAX_LENGTH:
        raise InvalidInput(f"q is at most {Q_MAX_LENGTH} characters.", errors=[{"field": "q", "reason": "too long"}])
    if gap_filter.within:
        rows = graph.read("MATCH (r:Region {id: $id}) RETURN r.path_ids AS path", {"id": gap_filter.within})
        if not rows or region["id"] not in (rows[0]["path"] or []):
            raise InvalidInput(
                f"{gap_filter.within!r} is not a region under {region['id']!r}.",
                errors=[{"field": "within", "reason": "not a region under `region`"}],
            )


# ----------------------------------------------------------------------------- cursor


def encode_cursor(listing: list[Any], *, after: str, total: int, facets: list[Any], key: bytes | None) -> str:
    """A signed cursor of a filtered listing (:mod:`orgnet.coverage.cursor`): the last id, the
    filtered total and the facets of the first page (compact: counts in the order of the reason
    codes and of the child regions).

    >>> c = encode_cursor(["m"], after="x", total=2, facets=[[1], [], 3], key=b"k")
    >>> decode_cursor(c, ["m"], key=b"k")["a"]
    'x'
    >>> decode_cursor(c, ["n"], key=b"k")
    Traceback (most recent call last):
    ...
    orgnet.errors.InvalidInput: The cursor belongs to another listing (metric, region, as_of or filters differ).
    """
    return sign_cursor("gaps.filtered", listing, after=after, key=key, t=total, f=facets)


def decode_cursor(cursor: str, listing: list[Any], *, key: bytes | None) -> dict[str, Any]:
    return open_cursor(cursor, "gaps.filtered", listing, key=key)


# ----------------------------------------------------------------------------- the queries
# The metric's own gap query (orgnet/queries/gaps/<metric>.cypher: one metric, one place) runs as
# a subquery; the filters and the counts are a wrapper around it, so only the page, or a few
# count rows, leave the database (where reading 146k items into Python took a minute).

# Each reason code as a predicate on the gap's ``details`` (``d``): the same decisions as
# :func:`reason_codes` (tests/integration/test_gap_filters.py compares them item by item).
# The gap query inside reads every gap (above ``$after``); the wrapper pages.
ALL_ROWS = 1_000_000_000


# The filter of a row: ``$reason_index`` picks a code (None: any), ``$q`` is lower-case text;
# a name is searched only where the caller sees it (``$names_visible``, ``$name_scope``).
_WITHIN = "($within IS NULL OR $within IN path_ids)"
_REASON = "($reason_index IS NULL OR codes[$reason_index])"


def _q(metric: str) -> str:
    """The text filter of a row (``$q``, ``$names_visible``, ``$name_scope``)."""
    return f"""($q IS NULL OR toLower(id) CONTAINS $q
       OR ($names_visible AND toLower(coalesce(name, '')) CONTAINS $q AND {_name_in_scope(metric)})
       OR any(x IN path_names WHERE toLower(x) CONTAINS $q)
       OR any(x IN path_ids WHERE toLower(x) CONTAINS $q))"""


def _filter(metric: str) -> str:
    """The filter of a row (``$within``, ``$reason_index``, ``$q``, ``$names_visible``, ``$name_scope``)."""
    return f"""{_WITHIN}
  AND {_REASON}
  AND {_q(metric)}"""


def _name_in_scope(metric: str) -> str:
    """Whether the row's name may be searched by a caller of ``$name_scope`` (null: unscoped): for a
    record named after a person, that person's region lies in the scope (as
    :func:`orgnet.coverage.named.people_outside` decides); any other item is in the list's region.

    >>> _name_in_scope("household_linkage")
    'true'
    >>> "RECOGNISES" in _name_in_scope("record_backed_promotion")
    True
    """
    label = named_after_person(get_metric(metric))
    if label is None:
        return "true"
    return (
        f"($name_scope IS NULL OR EXISTS {{ MATCH (:{label} {{id: id}})-[:{NAMED_AFTER[label]}]->(p) "
        "MATCH (g:Region {id: p.region_id}) WHERE any(s IN $name_scope WHERE s IN coalesce(g.path_ids, [])) })"
    )


def _codes_expression(metric: str) -> str:
    predicates = get_metric(metric).category_predicates
    return "[" + ", ".join(f"coalesce({predicates[code]}, false)" for code in REASON_CODES[metric]) + "]"


def row_filter(metric: str) -> str:
    """The Cypher that keeps the gap rows (``id, name, path_ids, path_names, details``) passing the
    filter (``$within``, ``$reason_index``, ``$q``, ``$names_visible``: :func:`filter_values`)."""
    return f"""WITH id, name, path_ids, path_names, details, details AS d
WITH id, name, path_ids, path_names, details, {_codes_expression(metric)} AS codes
WHERE {_filter(metric)}
"""


def filter_values(metric: Metric, gap_filter: GapFilter, *, personal: bool, name_scope: Sequence[str] | None = None) -> dict[str, Any]:
    """The parameters of :func:`row_filter` for ``gap_filter`` (``name_scope``: the caller's scope,
    ``None``: unscoped)."""
    return {
        "within": gap_filter.within,
        # a code of another metric: an index past the list, which no row's codes hold (null in Cypher)
        "reason_index": _reason_index(metric.name, gap_filter.reason),
        "q": gap_filter.q.lower() if gap_filter.q else None,
        "names_visible": personal or not metric.personal,
        "name_scope": list(name_scope) if name_scope is not None else None,
    }


def _reason_index(metric: str, reason: str | None) -> int | None:
    """
    >>> _reason_index("household_linkage", None), _reason_index("household_linkage", "never_linked")
    (None, 0)
    >>> _reason_index("household_linkage", "no_contact") == len(REASON_CODES["household_linkage"])
    True
    """
    if reason is None:
        return None
    codes = REASON_CODES[metric]
    return codes.index(reason) if reason in codes else len(codes)


def page_query(gaps_body: str, metric: str) -> str:
    """The filtered page: the gap query's rows above ``$after`` that pass the filter, in id order.

    >>> print(page_query("RETURN 1", "household_linkage").splitlines()[0])
    CALL () {
    """
    return f"""CALL () {{
{gaps_body}
}}
{row_filter(metric)}RETURN id, name, path_ids, path_names, details
ORDER BY id
LIMIT $page_limit"""


def facets_query(gaps_body: str, metric: str) -> str:
    """Counts of the gap list by reason codes, child region (``path_ids[$depth]``), whether the
    filter passes (``ok``), and whether it passes but for its reason (``ok_but_reason``) or its
    sub-region (``ok_but_within``): a few rows, whatever the length of the list."""
    return f"""CALL () {{
{gaps_body}
}}
WITH id, name, path_ids, path_names, details AS d
WITH id, name, path_ids, path_names, {_codes_expression(metric)} AS codes
WITH codes, CASE WHEN size(path_ids) > $depth THEN path_ids[$depth] END AS child,
     {_WITHIN} AS in_within, {_REASON} AS has_reason, {_q(metric)} AS matches_q
RETURN codes, child, in_within AND has_reason AND matches_q AS ok,
       in_within AND matches_q AS ok_but_reason, has_reason AND matches_q AS ok_but_within, count(*) AS n"""


def _values(
    graph: Graph,
    m: Metric,
    *,
    region: dict[str, Any],
    gap_filter: GapFilter,
    as_of: dt.date,
    policy: Policy,
    after: str | None,
    personal: bool,
    root: str,
    name_scope: Sequence[str] | None,
) -> dict[str, Any]:
    found = gap_regions(graph, metric=m.name, region_id=root, as_of=as_of, policy=policy)
    inner = (
        library()
        .get(m.gaps_query)
        .bind(
            query_params(policy, region=root, as_of=as_of, after=after, limit=1, regions=found[0] if found is not None else None),
            strict=False,
        )
    )
    return {
        **inner,
        **filter_values(m, gap_filter, personal=personal, name_scope=name_scope),
        "limit": ALL_ROWS,
        "depth": len(region["path"]),  # the region's path: its children sit at this index of an item's path
    }


def _children(graph: Graph, region_id: str) -> list[dict[str, str]]:
    return graph.read("MATCH (:Region {id: $id})<-[:PART_OF]-(c:Region) RETURN c.id AS id, c.name AS name ORDER BY id", {"id": region_id})


NO_FILTER = GapFilter()


def filtered_gaps(
    graph: Graph,
    *,
    metric: str,
    region_id: str | None = None,
    as_of: dt.date,
    policy: Policy,
    gap_filter: GapFilter = NO_FILTER,
    limit: int = DEFAULT_GAP_LIMIT,
    cursor: str | None = None,
    personal: bool = False,
    name_scope: Sequence[str] | None = None,
    cursor_key: bytes | None = None,
    max_limit: int = MAX_GAP_LIMIT,
) -> dict[str, Any]:
    """One page of the gap list narrowed by ``gap_filter``, with ``total`` (of the filtered
    list) and ``facets`` (each of the list narrowed by the other filters).

    Without a filter the items and the cursor are those of :func:`orgnet.coverage.gaps.gaps`
    (its cheap id walk pages on); the first page adds the facets.  ``max_limit``: exports read
    filtered lists in pages larger than the API's (each page is one pass over the list).

    Returns
    -------
    dict
        The body of :func:`orgnet.coverage.gaps.gaps` plus ``facets``:
        ``{"reasons": {code: count}, "regions": [{"id", "name", "count"}]}`` (``None`` on the
        later pages of an unfiltered list).
    """
    m = get_metric(metric)
    if not 1 <= limit <= max_limit:
        raise InvalidInput(f"limit must be between 1 and {max_limit}.", errors=[{"field": "limit", "reason": "out of range"}])
    region = resolve_region(graph, region_id=region_id)
    check_filter(graph, metric=m, region=region, gap_filter=gap_filter)
    body = library().get(m.gaps_query).body
    codes = REASON_CODES[m.name]
    common = {"m": m, "region": region, "gap_filter": gap_filter, "as_of": as_of, "policy": policy, "personal": personal, "name_scope": name_scope}
    if not gap_filter.active:
        page = gaps(
            graph, metric=m.name, region_id=region["id"], as_of=as_of, policy=policy, limit=limit, cursor=cursor, personal=personal, cursor_key=cursor_key
        )
        facets = None
        if cursor is None:
            rows = graph.read(facets_query(body, m.name), _values(graph, after=None, root=region["id"], **common))
            facets = _facet_lists(rows, codes=codes, children=_children(graph, region["id"]))[0]
        return {**page, "facets": _facets_body(facets, codes=codes, children=_children(graph, region["id"])) if facets else None}

    listing = [m.name, region["id"], as_of.isoformat(), gap_filter.key(), personal]
    if name_scope is not None and named_after_person(m) is not None:  # what q finds depends on the scope
        listing.append(sorted(name_scope))
    children = _children(graph, region["id"])
    if cursor is None:
        rows = graph.read(facets_query(body, m.name), _values(graph, after=None, root=region["id"], **common))
        facets, total = _facet_lists(rows, codes=codes, children=children)
        after = None
    else:
        data = decode_cursor(cursor, listing, key=cursor_key)
        total, facets, after = int(data["t"]), data["f"], data["a"]
    root = gap_filter.within or region["id"]  # a smaller pass under `within`
    values = {**_values(graph, after=after, root=root, **common), "page_limit": limit + 1}
    rows = graph.read(page_query(body, m.name), values)
    items = [gap_item(m, r, personal=personal) for r in rows[:limit]]
    more = len(rows) > limit
    next_cursor = encode_cursor(listing, after=items[-1]["id"], total=total, facets=facets, key=cursor_key) if more else None
    return {
        **gap_page(m, as_of=as_of, region=region, total=total, items=items, next_cursor=next_cursor),
        "facets": _facets_body(facets, codes=codes, children=children),
    }


def _facet_lists(rows: list[dict[str, Any]], *, codes: tuple[str, ...], children: list[dict[str, str]]) -> tuple[list[list[int]], int]:
    """``([reason counts in code order, child counts in child order], filtered total)`` of the
    facet query's rows (the compact form a cursor carries)."""
    reasons = [0] * len(codes)
    by_child: Counter[str] = Counter()
    total = 0
    for r in rows:
        # each facet counts the list as the other filters narrow it: the sub-regions' counts are
        # of the chosen reason (and text), the reasons' counts of the chosen sub-region
        if r["ok_but_reason"]:
            for i, hit in enumerate(r["codes"]):
                reasons[i] += r["n"] if hit else 0
        if r["child"] is not None and r["ok_but_within"]:
            by_child[r["child"]] += r["n"]
        total += r["n"] if r["ok"] else 0
    return [reasons, [by_child[c["id"]] for c in children]], total


def _facets_body(facets: list[list[int]], *, codes: tuple[str, ...], children: list[dict[str, str]]) -> dict[str, Any]:
    reason_counts, child_counts = facets[0], facets[1]
    if len(child_counts) != len(children):  # the regions changed between pages: counts by id are lost
        child_counts = [0] * len(children)
    return {
        "reasons": dict(zip(codes, reason_counts, strict=False)),
        "regions": [{"id": c["id"], "name": c["name"], "count": n} for c, n in zip(children, child_counts, strict=False)],
    }
