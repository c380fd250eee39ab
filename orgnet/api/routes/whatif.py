"""What-if analysis (who becomes uncovered when cadres, members or teams drop out; what one new
assignment would close and open) and suggestions that close enterprise-pairing gaps.  All read
only; nothing is written."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, ConfigDict, Field

from orgnet.api import schemas as am
from orgnet.api.deps import CallerDep, PolicyDep
from orgnet.api.limits import ExpensiveDep
from orgnet.api.params import DayDep, RegionDep
from orgnet.api.routes.coverage import ERRORS
from orgnet.api.scope import require_items_in_scope, require_region
from orgnet.coverage.assignment_whatif import KINDS as ASSIGN_WHATIF_KINDS
from orgnet.coverage.assignment_whatif import assignment_whatif
from orgnet.coverage.metrics import get_metric
from orgnet.coverage.named import cadres_outside, hide_names_outside
from orgnet.coverage.suggestions import suggest_enterprise_pairings
from orgnet.coverage.whatif import what_if
from orgnet.errors import InvalidInput

router = APIRouter(tags=["what-if and suggestions"])
ASSIGN_KINDS = tuple(ASSIGN_WHATIF_KINDS)
# Both are expensive requests (orgnet.api.limits): admitted per caller and overall, within a time budget.
BUSY = {
    429: {"description": "This caller already runs its maximum of expensive requests (Retry-After)"},
    503: {"description": "The server runs its maximum of expensive requests (Retry-After)"},
    504: {"description": "The request exceeded its time budget"},
}


@router.post(
    "/v1/whatif",
    summary="What becomes uncovered if these cadres, members or teams are unavailable",
    response_model=am.WhatIf,
    responses={404: {"description": "Unknown region"}, 422: {"description": "Malformed body (problem details)"}, **BUSY},
)
def post_whatif(
    body: Annotated[am.WhatIfRequest, Body()],
    work: ExpensiveDep,
    policy: PolicyDep,
    caller: CallerDep,
) -> dict[str, Any]:
    """Per metric, the items under the region that are covered on the day and would not be
    without the given cadres, party members and volunteer teams (e.g. a cadre in quarantine).
    Unknown ids are reported in `unknown` and change nothing."""
    try:
        day = dt.date.fromisoformat(body.as_of) if body.as_of else dt.date.today()
    except ValueError:
        raise InvalidInput("as_of is not a valid date.", errors=[{"field": "body.as_of", "reason": "not a date YYYY-MM-DD"}]) from None
    # a scoped caller asks only about its own regions and its own people (404 otherwise)
    region = require_region(work.graph, caller=caller, region_id=body.region)
    for label, ids in (("Cadre", body.unavailable.cadres), ("PartyMember", body.unavailable.members), ("VolunteerTeam", body.unavailable.teams)):
        require_items_in_scope(work.graph, caller=caller, label=label, ids=ids)
    result = what_if(
        work.graph,
        region_id=region,
        as_of=day,
        policy=policy,
        cadres=body.unavailable.cadres,
        members=body.unavailable.members,
        teams=body.unavailable.teams,
        personal=caller.sees_personal_data,
    )
    for line in result["metrics"]:  # a record's person outside the scope is not named (orgnet/coverage/named.py)
        line["newly_uncovered"] = hide_names_outside(work.graph, metric=get_metric(line["metric"]), items=line["newly_uncovered"], scope=caller.scope)
    return result


@router.get(
    "/v1/suggestions/enterprise_pairing",
    summary="Cadre pairings that would close enterprise-pairing gaps (min-cost flow)",
    response_model=am.Suggestions,
    responses={404: ERRORS[404], 422: ERRORS[422], **BUSY},
)
def get_pairing_suggestions(
    work: ExpensiveDep,
    policy: PolicyDep,
    caller: CallerDep,
    region: RegionDep,
    as_of: DayDep,
) -> dict[str, Any]:
    """For each enterprise under the region missing a required level, a cadre of that level
    whose jurisdiction contains it and who has spare capacity under the policy maximum; load is
    spread evenly (networkx min-cost flow).  What cannot be closed is listed with the reason.
    Nothing is written."""
    region = require_region(work.graph, caller=caller, region_id=region)  # personal data: only in the caller's scope
    result = suggest_enterprise_pairings(work.graph, region_id=region, as_of=as_of, policy=policy, personal=caller.sees_personal_data)
    if caller.scope is not None and caller.sees_personal_data:  # a cadre serving outside the scope (the city's) is not named
        outside = cadres_outside(work.graph, ids=[s["cadre_id"] for s in result.get("suggestions", [])], scope=caller.scope)
        result["suggestions"] = [{**s, "cadre_name": None} if s["cadre_id"] in outside else s for s in result.get("suggestions", [])]
    return result


class AssignmentEffect(BaseModel):
    metric: str = Field(description="The metric whose item this is (one end of the record)")
    item_id: str
    name: str | None = Field(description="The item's name, for callers who may read it")
    uncovered_before: bool = Field(description="Whether the item is a gap of the metric on the day")
    effect: Literal["closes", "opens", "narrows", "none"] = Field(
        description="What the record does to the item's gap: closes it, opens one, narrows it (an enterprise still lacking another level), or nothing"
    )

    model_config = ConfigDict(extra="allow")


class AssignmentWhatIf(BaseModel):
    kind: str
    start: str
    end: str
    as_of: str
    closes: list[AssignmentEffect] = Field(description="The gaps the record would close")
    opens: list[AssignmentEffect] = Field(
        description="The gaps the record would open (a member past the households the policy wants, a cadre past the pairings of its level)"
    )
    lines: list[AssignmentEffect] = Field(description="Every metric of either end, with its status before and the record's effect")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "household_links",
                    "start": "m-320321-001-001-0001",
                    "end": "h-320321-001-001-0042",
                    "as_of": "2020-03-31",
                    "closes": [
                        {"metric": "household_linkage", "item_id": "h-320321-001-001-0042", "name": "张家", "uncovered_before": True, "effect": "closes"}
                    ],
                    "opens": [
                        {
                            "metric": "member_link_load",
                            "item_id": "m-320321-001-001-0001",
                            "name": "李四",
                            "uncovered_before": False,
                            "effect": "opens",
                            "load_before": 10,
                            "load_after": 11,
                            "limit": 10,
                        }
                    ],
                    "lines": [],
                }
            ]
        }
    )


@router.get(
    "/v1/whatif/assignment",
    summary="What one new assignment would change: the gap it closes and any it opens (nothing is written)",
    response_model=AssignmentWhatIf,
    responses={404: {"description": "Unknown or void person or item, or one outside the caller's scope"}, 422: ERRORS[422], **BUSY},
)
def get_assignment_whatif(
    work: ExpensiveDep,
    policy: PolicyDep,
    caller: CallerDep,
    as_of: DayDep,
    kind: Annotated[Literal[tuple(ASSIGN_KINDS)], Query(description="The record's kind, as `POST /v1/records/{kind}` takes it")],  # type: ignore[valid-type]
    start: Annotated[
        str,
        Query(
            min_length=1, max_length=64, description="Who is assigned: the member, the cadre or the supporting organisation", examples=["cadre-t-320321-001-1"]
        ),
    ],
    end: Annotated[
        str, Query(min_length=1, max_length=64, description="The item assigned to: the household, the enterprise, the medical worker or the fallen cadre")
    ],
) -> dict[str, Any]:
    """Before `POST /v1/records/{kind}` writes a household link, an enterprise pairing, a family
    support or a care contact active from `as_of`: the gap it would close (the household without a
    linked member, the enterprise's missing cadre level, the family nobody supports) and any it
    would open (the member past the households the policy wants, the cadre past the pairings of
    its level), per metric of either end (`lines`).  Read only: nothing is written.  Both ends must
    lie in a scoped account's regions (else 404, as for an unknown id)."""
    start_labels, _, _, end_label, _, _ = ASSIGN_WHATIF_KINDS[kind]
    for label in start_labels:
        require_items_in_scope(work.graph, caller=caller, label=label, ids=[start])
    require_items_in_scope(work.graph, caller=caller, label=end_label, ids=[end])
    return assignment_whatif(work.graph, kind=kind, start=start, end=end, as_of=as_of, policy=policy, personal=caller.sees_personal_data)
