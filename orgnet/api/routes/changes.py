"""The audit trail: every write's change record, newest first, with signed cursor paging."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

from orgnet.api.deps import Caller, GraphDep, PlannerDep, SettingsDep
from orgnet.api.params import IsoDay
from orgnet.api.scope import path_in_scope, require_in_scope, require_items_in_scope
from orgnet.coverage.cursor import open_cursor, sign_cursor
from orgnet.errors import InvalidInput
from orgnet.graph.model import NODE_LABELS
from orgnet.writes import changes

router = APIRouter(prefix="/v1", tags=["changes"])

# the labels an item id may belong to (ids are unique across them); each lookup uses its label's id index
_ITEM_LABEL = " UNION ALL ".join(f"MATCH (n:{label} {{id: $id}}) RETURN '{label}' AS label" for label in NODE_LABELS)


def _require_item_in_scope(graph: GraphDep, caller: Caller, item: str) -> None:
    """404 when the item (or, for an assignment's id ``<start>~<end>~<since>``, either end) exists
    outside the caller's scope: as ``GET /v1/records?item=`` answers, so the trail is no way round it."""
    for item_id in item.split("~")[:2] if "~" in item else [item]:
        for row in graph.read(_ITEM_LABEL, {"id": item_id}):
            require_items_in_scope(graph, caller=caller, label=row["label"], ids=[item_id])


_PATHS = "UNWIND $ids AS id MATCH (r:Region {id: id}) RETURN r.id AS id, coalesce(r.path_ids, [r.id]) AS path"


def _in_scope_states(graph: GraphDep, caller: Caller, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The changes with each ``before`` / ``after`` state a scoped caller may not see set to null
    (``redacted`` names which): a state with its own ``region_id`` is shown when that region is in
    scope, any other when every region of the change is.  A household moved to another county keeps
    its before-state (the caller's) and loses its after-state (with its new region and names)."""
    ids = {r for c in items for r in c["region_ids"]} | {
        s["region_id"] for c in items for s in (c["before"], c["after"]) if isinstance(s, dict) and isinstance(s.get("region_id"), str)
    }
    paths = {row["id"]: row["path"] for row in graph.read(_PATHS, {"ids": sorted(ids)})} if ids else {}

    def inside(region_ids: list[str]) -> bool:
        return all(r in paths and path_in_scope(caller, paths[r]) for r in region_ids)

    out = []
    for c in items:
        redacted = []
        for side in ("before", "after"):
            state = c[side]
            if state is None:
                continue
            own = state.get("region_id") if isinstance(state, dict) else None
            if not inside([own] if isinstance(own, str) else c["region_ids"]):
                redacted.append(side)
        out.append({**c, **dict.fromkeys(redacted), "redacted": redacted} if redacted else c)
    return out


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
    cursor: Annotated[
        str | None,
        Query(
            max_length=2000,
            pattern=r"^[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-.]+$",
            description="`next_cursor` of the previous page, exactly as returned (signed: one altered or of another listing is a 422)",
        ),
    ] = None,
) -> dict[str, Any]:
    """Newest first. Every write appends one change (per-record writes, applied suggestions,
    bundle imports over the API and the CLI, seed loads); nothing edits or deletes one. A scoped
    account sees the changes of regions in its scope only (`region` defaults to its scope's one region),
    without the states that lie outside it (a record moved out of its scope: `after` is null and
    `redacted` lists it), and `item` outside its scope is a 404, as for `GET /v1/records?item=`."""
    caller.require("planner")
    if caller.scope is not None:
        if region is None and len(caller.scope) == 1:
            region = caller.scope[0]
        if region is None:
            raise InvalidInput("Name a region of your scope.", errors=[{"field": "region", "reason": "required for a scoped account"}])
        require_in_scope(graph, caller=caller, region_ids=[region], what="region")
        if item is not None:
            _require_item_in_scope(graph, caller, item)
    filters = {"region": region, "since": _midnight(since), "until": _midnight(until), "account": account, "kind": kind, "item": item}
    key = settings.effective_cursor_secret()
    listing = [changes.listing_key(**filters)]
    after = open_cursor(cursor, "changes", listing, key=key)["a"] if cursor else None
    items, nxt = changes.list_changes(graph, **filters, limit=limit, after=after)
    if caller.scope is not None:
        items = _in_scope_states(graph, caller, items)
    return {"items": items, "next_cursor": sign_cursor("changes", listing, after=nxt, key=key) if nxt else None}
