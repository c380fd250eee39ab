"""``GET /v1/people``: find cadres, party members and medical workers by id or name (issue 14)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from orgnet.api.deps import CallerDep, PolicyDep
from orgnet.api.limits import HeavyReadDep
from orgnet.api.params import IsoDay, search_text
from orgnet.api.scope import require_in_scope
from orgnet.coverage.rollups import resolve_region
from orgnet.graph import people

router = APIRouter(prefix="/v1", tags=["people"])


@router.get("/people", summary="Find people by id, name or place (for what-if and assignments), with their load")
def find_people(
    graph: HeavyReadDep,  # every person's id and name is searched: a heavy read, admission-controlled
    caller: CallerDep,
    policy: PolicyDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=people.Q_MAX_LENGTH,
            description="Part of an id, of the name of the person's village, town or county, or, for planners and admins, of a name",
            examples=["cadre-k-320321", "夏庄"],
        ),
    ],
    kind: Annotated[
        list[Literal["cadre", "member", "medical_worker"]] | None,
        Query(description="Which people (repeatable; default: all three)"),
    ] = None,
    region: Annotated[str | None, Query(max_length=64, description="Only people under this region (default: the city)", examples=["320321"])] = None,
    limit: Annotated[int, Query(ge=1, le=people.MAX_LIMIT, description=f"Page size (hard maximum {people.MAX_LIMIT})")] = 20,
    cursor: Annotated[str | None, Query(max_length=64, description="`next_cursor` of the previous page")] = None,
    as_of: Annotated[IsoDay | None, Query(description="With a day: each member's and cadre's `load` on it (households linked, enterprises paired)")] = None,
) -> dict[str, Any]:
    """People whose id or place (village, town, county name) contains `q`, or whose name does for
    callers who may see names (planners and admins; others get `name: null` and no match on names,
    which would reveal them), in id order, one page at a time; with `as_of`, each member's and
    cadre's `load` on that day and the policy's `limit` for it.  `region` must lie in a scoped account's regions (else 404)."""
    place = resolve_region(graph, region_id=region)
    require_in_scope(graph, caller=caller, region_ids=[place["id"]])
    page = people.search_people(
        graph, q=search_text(q), region=place, kinds=list(kind) if kind else None, limit=limit, after=cursor, names_visible=caller.sees_personal_data
    )
    if as_of is not None:
        limits = {
            "member": policy.member_link_load.target_households,
            "cadre": {str(k.value if hasattr(k, "value") else k): v for k, v in policy.cadre_load.max_active_pairings.items()},
        }
        people.with_loads(graph, page["items"], day=as_of, limits=limits)
    return {"q": q, "region": place, **page}
