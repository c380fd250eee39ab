"""The whole gap list of a metric under a region, read from one streamed query (the gap export).

A page of ``GET /v1/gaps/{metric}`` is one of many; an export reads the whole list at once, so it
does not page: :func:`open_listing` checks the request and counts the list, then
:func:`stream_gaps` reads it from one query (:func:`orgnet.coverage.generate.export_query`, made
from the metric's own gap query), a region's items at a time, each item's details made ready for
its reason in the same pass.  Neo4j computes a region's items only when the reader asks for them,
so a reader that stops (a client gone, the row cap reached) stops the database too.

Rows come in region order (region id, then item id), not in the list's id order: one region
after the other is what lets Neo4j hold one region's rows at a time instead of sorting a city's.

The count comes first, because it goes into a header before the first row: from the stored
summaries when they are fresh (no query over the items), else from the live rollup; a filtered
list is counted by a pass of the same query that only sums its regions' rows.  The items are read
in another transaction, so a write in between can make the rows differ from the count: the
export's file says so (api/routes/export.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import queue
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from orgnet.coverage.gap_filters import ALL_ROWS, NO_FILTER, GapFilter, check_filter, filter_values, row_filter
from orgnet.coverage.gaps import normalise_details, uncovered_total
from orgnet.coverage.generate import export_query
from orgnet.coverage.metrics import Metric, get_metric
from orgnet.coverage.named import hide_names_outside, named_after_person
from orgnet.coverage.policies import effective_policy
from orgnet.coverage.policy import Policy
from orgnet.coverage.rollups import resolve_region
from orgnet.coverage.stored_or_live import gap_regions, query_params
from orgnet.graph.db import Graph
from orgnet.graph.regions import region_path
from orgnet.graph.values import to_native
from orgnet.queries.library import library


@dataclass(frozen=True)
class Listing:
    """A gap list ready to stream: what it is, how many items it holds and its query."""

    metric: Metric
    region: dict[str, Any]
    as_of: dt.date
    total: int
    personal: bool
    query: str
    params: dict[str, Any]
    scope: tuple[str, ...] | None = None  # the caller's: a record's person outside it is not named (orgnet/coverage/named.py)


@dataclass(frozen=True)
class RegionGaps:
    """The uncovered items located in one region, in id order: ``(id, name, details)``, the name
    ``None`` where the caller may not see it."""

    path: list[dict[str, str]]
    items: list[tuple[str, str | None, dict[str, Any]]]


def open_listing(
    graph: Graph,
    *,
    metric: str,
    region_id: str | None,
    as_of: dt.date,
    policy: Policy,
    gap_filter: GapFilter = NO_FILTER,
    personal: bool = False,
    scope: Sequence[str] | None = None,
) -> Listing:
    """Check the request (:class:`~orgnet.errors.NotFound` for an unknown region,
    :class:`~orgnet.errors.InvalidInput` naming a bad filter, 409 for a region above several
    policies) and count its list, narrowed by ``gap_filter`` (as ``GET /v1/gaps/{metric}``)."""
    m = get_metric(metric)
    region = resolve_region(graph, region_id=region_id)
    check_filter(graph, metric=m, region=region, gap_filter=gap_filter)
    own = effective_policy(graph, policy=policy, region_id=region["id"])
    root = gap_filter.within or region["id"]  # a smaller pass under `within`
    found = gap_regions(graph, metric=m.name, region_id=root, as_of=as_of, policy=policy)
    # the gap query's declared parameters, defaults and types (the library's), then the export's
    values = query_params(own, region=root, as_of=as_of, after=None, limit=1, regions=found[0] if found is not None else None)
    # the gap query's own limit is per region here: the export's cap is counted as rows are read
    params = {**library().get(m.gaps_query).bind(values, strict=False), **filter_values(m, gap_filter, personal=personal, name_scope=scope), "limit": ALL_ROWS}
    query = export_query(m, narrow=row_filter(m.name) if gap_filter.active else "")
    if gap_filter.active:
        total = graph.read(f"CALL () {{\n{query}}}\nRETURN sum(size(rows)) AS total", params)[0]["total"] or 0
    else:
        total = uncovered_total(graph, metric=m.name, region=region, as_of=as_of, policy=policy, found=found)
    return Listing(
        metric=m, region=region, as_of=as_of, total=total, personal=personal, query=query, params=params, scope=tuple(scope) if scope is not None else None
    )


@contextlib.contextmanager
def stream_gaps(graph: Graph, listing: Listing, *, tag: str, timeout_s: float | None = None, read_ahead: int = 0) -> Iterator[Iterator[RegionGaps]]:
    """The listing's items, a region at a time, read as the caller iterates (one read
    transaction of ``timeout_s``, else the graph's query timeout, marked ``tag`` for
    :meth:`~orgnet.graph.db.Graph.terminate`); leaving the ``with`` block ends the query
    wherever it is.

    ``read_ahead``: a thread reads up to that many regions ahead while the caller works on the
    current one, so that Neo4j computes the next regions meanwhile instead of waiting for the
    caller's next request (an export writes a region's rows while the next ones are read).
    Leaving the block stops the thread at its next region (or when ``tag`` is terminated, should
    Neo4j keep it waiting) and waits for it."""
    if not read_ahead:
        with _regions(graph, listing, tag=tag, timeout_s=timeout_s) as regions:
            yield regions
        return
    ahead: queue.Queue[Any] = queue.Queue(maxsize=read_ahead)
    closed = threading.Event()

    def hand_over(item: Any) -> bool:
        while not closed.is_set():
            try:
                ahead.put(item, timeout=0.1)
                return True
            except queue.Full:
                pass
        return False

    def read() -> None:
        try:
            with _regions(graph, listing, tag=tag, timeout_s=timeout_s) as regions:
                for region in regions:
                    if not hand_over(region):
                        return
            end: Any = _END
        except BaseException as e:  # raised in the caller's thread
            end = e
        hand_over(end)

    reader = threading.Thread(target=read, name="orgnet-gaps-reader", daemon=True)
    reader.start()

    def regions() -> Iterator[RegionGaps]:
        while (item := ahead.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item

    try:
        yield regions()
    finally:
        closed.set()
        reader.join()


_END = object()


@contextlib.contextmanager
def _regions(graph: Graph, listing: Listing, *, tag: str, timeout_s: float | None) -> Iterator[Iterator[RegionGaps]]:
    names_visible = listing.personal or not listing.metric.personal

    def item(row: list[Any]) -> tuple[str, str | None, dict[str, Any]]:
        item_id, name, details = row
        details = to_native(details) or {}
        normalise_details(details)
        return item_id, name if names_visible else None, details

    def named(items: list[tuple[str, str | None, dict[str, Any]]]) -> list[tuple[str, str | None, dict[str, Any]]]:
        if listing.scope is None or not names_visible or named_after_person(listing.metric) is None:
            return items
        shown = hide_names_outside(graph, metric=listing.metric, items=[{"id": i, "name": n} for i, n, _ in items], scope=listing.scope)
        return [(i, s["name"], d) for (i, _, d), s in zip(items, shown, strict=True)]

    with graph.stream(listing.query, listing.params, tag=tag, timeout_s=timeout_s) as records:
        yield (RegionGaps(path=region_path(path_ids, path_names), items=named([item(row) for row in rows])) for path_ids, path_names, rows in records)
