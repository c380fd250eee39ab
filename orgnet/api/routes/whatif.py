"""What-if analysis (who becomes uncovered when cadres, members or teams drop out) and
suggestions that close enterprise-pairing gaps.  Both read only; nothing is written."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body

from orgnet.api import schemas as am
from orgnet.api.deps import CallerDep, PolicyDep
from orgnet.api.limits import ExpensiveDep
from orgnet.api.params import DayDep, RegionDep
from orgnet.api.routes.coverage import ERRORS
from orgnet.api.scope import require_items_in_scope, require_region
from orgnet.coverage.metrics import get_metric
from orgnet.coverage.named import cadres_outside, hide_names_outside
from orgnet.coverage.suggestions import suggest_enterprise_pairings
from orgnet.coverage.whatif import what_if
from orgnet.errors import InvalidInput

router = APIRouter(tags=["what-if and suggestions"])
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
