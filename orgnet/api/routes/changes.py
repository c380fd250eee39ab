"""The audit trail: every write's change record, newest first, with signed cursor paging."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

from orgnet.api.deps import GraphDep, PlannerDep, SettingsDep
from orgnet.api.params import IsoDay
from orgnet.api.scope import require_in_scope
from orgnet.coverage.cursor import open_cursor, sign_cursor
from orgnet.errors import InvalidInput
from orgnet.writes import changes

router = APIRouter(prefix="/v1", tags=["changes"])


def _midnight(day: dt.date | None) -> dt.datetime | None:
    """The day's first instant in UTC (change times are the server's, compared as instants).

    >>> _midnight(dt.date(2020, 3, 1))
    datetime.datetime(2020, 3, 1, 0, 0, tzinfo=datetime.timezone.utc)
    """
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) if day else None


@router.get(
    "/changes",
    summary="The audit trail: who changed what, when (planner role)",
    responses={
        403: {"description": "Needs the planner role"},
        404: {"description": "Region outside the caller's scope"},
        422: {"description": "Malformed filter or cursor"},
    },
)
def list_changes(
    graph: GraphDep,
    caller: PlannerDep,
    settings: SettingsDep,
    region: Annotated[str | None, Query(max_length=64, description="Changes touching this region or anything under it")] = None,
    since: Annotated[IsoDay | None, Query(description="From this day (YYYY-MM-DD, UTC, inclusive)", examples=["2020-03-01"])] = None,
    until: Annotated[IsoDay | None, Query(description="Before this day (YYYY-MM-DD, UTC, exclusive)", examples=["2020-04-01"])] = None,
    account: Annotated[str | None, Query(max_length=200, description="Made by this account")] = None,
    kind: Annotated[str | None, Query(max_length=32, description="Record kind (a bundle section), or `bundle` for imports and seeds")] = None,
    item: Annotated[
        str | None,
        Query(max_length=200, description="Touching this record id, or an item's id (its own changes and those of its assignments `<start>~<end>~<since>`)"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=changes.MAX_PAGE)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000, description="`next_cursor` of the previous page")] = None,
) -> dict[str, Any]:
    """Newest first. Every write appends one change (per-record writes, applied suggestions,
    bundle imports over the API and the CLI, seed loads); nothing edits or deletes one. A scoped
    account sees the changes of regions in its scope only (`region` defaults to its scope's one region)."""
    caller.require("planner")
    if caller.scope is not None:
        if region is None and len(caller.scope) == 1:
            region = caller.scope[0]
        if region is None:
            raise InvalidInput("Name a region of your scope.", errors=[{"field": "region", "reason": "required for a scoped account"}])
        require_in_scope(graph, caller=caller, region_ids=[region], what="region")
    filters = {"region": region, "since": _midnight(since), "until": _midnight(until), "account": account, "kind": kind, "item": item}
    key = settings.effective_cursor_secret()
    listing = [changes.listing_key(**filters)]
    after = open_cursor(cursor, "changes", listing, key=key)["a"] if cursor else None
    items, nxt = changes.list_changes(graph, **filters, limit=limit, after=after)
    return {"items": items, "next_cursor": sign_cursor("changes", listing, after=nxt, key=key) if nxt else None}
