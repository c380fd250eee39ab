"""Regions of the administrative hierarchy."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from orgnet.api.answers import answer
from orgnet.api.deps import GraphDep, PolicyDep, SettingsDep
from orgnet.api.params import search_text
from orgnet.graph.regions import get_region, region_children, search_regions

router = APIRouter(prefix="/v1/regions", tags=["regions"])

RegionId = Annotated[str, Path(description="Region id, e.g. `320321` (丰县)", examples=["320321"], max_length=64)]

REGION_EXAMPLE = {
    "id": "320321",
    "name": "丰县",
    "level": "county",
    "kind": "county",
    "code": "320321",
    "path": [{"id": "320300", "name": "徐州市", "level": "city"}, {"id": "320321", "name": "丰县", "level": "county"}],
    "children": 15,
}


SEARCH_MAX = 50
"""Hard maximum of the matches of one search (a type-ahead shows a handful)."""


@router.get("", summary="Search regions by part of the name, or by id or code")
def find_regions(
    graph: GraphDep,
    q: Annotated[str, Query(min_length=1, max_length=64, description="Part of the name (case-insensitive), or the start of the id or code", examples=["刘庄"])],
    level: Annotated[Literal["nation", "province", "city", "county", "town", "village"] | None, Query(description="Only regions of this level")] = None,
    limit: Annotated[int, Query(ge=1, le=SEARCH_MAX, description=f"How many (hard maximum {SEARCH_MAX})")] = 20,
) -> dict[str, Any]:
    """The dashboard's type-ahead: matches with their ancestor path, names that start with `q` first,
    then from the city down; `total` counts every match."""
    return search_regions(graph, q=search_text(q), level=level, limit=limit)


@router.get(
    "/{region_id}",
    summary="One region with its ancestor path",
    responses={200: {"content": {"application/json": {"example": REGION_EXAMPLE}}}, 404: {"description": "Unknown region"}},
    response_model=dict[str, Any],
)
async def read_region(request: Request, region_id: RegionId, graph: GraphDep, policy: PolicyDep) -> Response:
    # kept as bytes with an ETag until a write is signalled or a change found (orgnet/api/answers.py)
    return await answer(
        request,
        graph=graph,
        policy=policy,
        metrics=None,
        what=("region", region_id),
        build=lambda: get_region(graph, region_id=region_id),
        model=dict[str, Any],
    )


@router.get(
    "/{region_id}/children", summary="Child regions with counts, paginated", responses={404: {"description": "Unknown region"}}, response_model=dict[str, Any]
)
async def read_children(
    request: Request,
    region_id: RegionId,
    graph: GraphDep,
    policy: PolicyDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size (hard maximum 500)")] = 100,
    cursor: Annotated[str | None, Query(max_length=64, description="`next_cursor` of the previous page")] = None,
) -> Response:
    size = min(limit, settings.page_size_max)
    return await answer(
        request,
        graph=graph,
        policy=policy,
        metrics=None,
        what=("children", region_id, size, cursor),
        build=lambda: region_children(graph, region_id=region_id, limit=size, cursor=cursor),
        model=dict[str, Any],
    )
