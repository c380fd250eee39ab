"""Alert rules (``/v1/alert-rules``: planners and admins, inside their scope) and the alerts they open
(``/v1/alerts``: the dashboard's bell; acknowledge one).  See :mod:`orgnet.events.rules` for what a
rule says and :mod:`orgnet.events.alerts` for the lifecycle.

Outside the caller's scope a rule or an alert is answered as one that does not exist (404)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query, Response
from pydantic import BaseModel, Field

from orgnet.api.deps import Caller, GraphDep, PlannerDep
from orgnet.api.scope import path_in_scope, require_in_scope
from orgnet.errors import NotFound
from orgnet.events import alerts, rules
from orgnet.graph.db import Graph

router = APIRouter(prefix="/v1", tags=["alerts"])

RuleId = Annotated[str, Path(max_length=64, pattern=r"^rule-[0-9a-f]{12}$", description="Alert rule id", examples=["rule-0123456789ab"])]
AlertId = Annotated[str, Path(max_length=64, pattern=r"^alert-[0-9a-f]{16}$", description="Alert id", examples=["alert-0123456789abcdef"])]
RegionQ = Annotated[str | None, Query(max_length=64, description="Only this region and its subtree (in the caller's scope)", examples=["320321"])]
ERRORS = {403: {"description": "Needs the planner role"}, 404: {"description": "No such rule or alert, or outside the caller's scope"}}


class AlertRule(rules.RuleIn):
    id: str
    owner: str | None = Field(description="The account that made it (null: a bootstrap token or the command line)")
    created_by: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


class AlertValue(BaseModel):
    covered: int | None = None
    total: int | None = None
    ratio: float | None = None
    as_of: str | None = None
    gaps: int | None = Field(default=None, description="`new_gap`: gaps with the reason now")
    new: int | None = Field(default=None, description="`new_gap`: gaps new since the last look")
    from_: dict[str, Any] | None = Field(default=None, alias="from", description="`fall`: the highest value of the window ({ratio, covered})")


class AlertItem(BaseModel):
    id: str
    name: str | None = Field(default=None, description="Only for planners and admins in scope")
    region_id: str | None = None


class Alert(BaseModel):
    id: str
    rule_id: str
    rule_name: str | None = None
    region_id: str
    region_name: str | None = None
    metric: str
    kind: str
    state: Literal["open", "acknowledged", "resolved"]
    threshold: str | None = Field(default=None, description="The condition, for people")
    opened_at: str | None = None
    acknowledged_at: str | None = None
    acknowledged_by: str | None = None
    resolved_at: str | None = None
    resolution: str | None = Field(default=None, description="`recovered` or `rule_deleted`")
    value: AlertValue | None = Field(default=None, description="The latest value seen")
    opened_value: AlertValue | None = None
    items: list[AlertItem] = Field(default_factory=list, description="`new_gap`: the items that became gaps")
    path_ids: list[str] = Field(default_factory=list, description="The region's path, the region last")


def _rule_in_scope(graph: Graph, caller: Caller, rule_id: str) -> dict[str, Any]:
    rule = rules.get_rule(graph, rule_id)
    require_in_scope(graph, caller=caller, region_ids=[rule["region_id"]], what="alert rule")
    return rule


@router.get("/alert-rules", summary="Alert rules of the caller's scope (planner role)", response_model=list[AlertRule], responses=ERRORS)
def list_rules(
    graph: GraphDep,
    caller: PlannerDep,
    region: RegionQ = None,
    after: Annotated[str | None, Query(max_length=64, description="Last id of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=rules.MAX_RULES_PAGE)] = 100,
) -> list[dict[str, Any]]:
    """In id order. A scoped account sees the rules on regions of its scope."""
    if region is not None:
        require_in_scope(graph, caller=caller, region_ids=[region], what="region")
    return rules.list_rules(graph, scope=(region,) if region else caller.scope, after=after, limit=limit)


@router.post(
    "/alert-rules",
    status_code=201,
    summary="Make an alert rule (planner role, inside the scope)",
    response_model=AlertRule,
    responses={**ERRORS, 422: {"description": "Invalid rule (problem details naming the field)"}},
)
def create_rule(body: Annotated[rules.RuleIn, Body()], graph: GraphDep, caller: PlannerDep) -> dict[str, Any]:
    """The rule is evaluated at once (a baseline for `fall` and `new_gap`; a `below` rule already breached opens its alert),
    then after every change of its metric under its region."""
    require_in_scope(graph, caller=caller, region_ids=[body.region_id], what="region")
    return rules.create_rule(graph, body, account=caller.account, role=caller.role)


@router.get("/alert-rules/{rule_id}", summary="One alert rule (planner role)", response_model=AlertRule, responses=ERRORS)
def read_rule(rule_id: RuleId, graph: GraphDep, caller: PlannerDep) -> dict[str, Any]:
    return _rule_in_scope(graph, caller, rule_id)


@router.put(
    "/alert-rules/{rule_id}",
    summary="Replace an alert rule (planner role, inside the scope)",
    response_model=AlertRule,
    responses={**ERRORS, 422: {"description": "Invalid rule"}},
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RuleIn"}}}}},
)
def replace_rule(rule_id: RuleId, graph: GraphDep, caller: PlannerDep, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    """The whole rule, as for POST. Its watches start again from a new baseline."""
    _rule_in_scope(graph, caller, rule_id)  # 404 first: a refusal tells nothing about a rule outside
    rule = rules.parse_rule(body)
    require_in_scope(graph, caller=caller, region_ids=[rule.region_id], what="region")
    return rules.replace_rule(graph, rule_id, rule, account=caller.account, role=caller.role)


@router.delete("/alert-rules/{rule_id}", status_code=204, summary="Delete an alert rule; its open alerts are resolved (planner role)", responses=ERRORS)
def delete_rule(rule_id: RuleId, graph: GraphDep, caller: PlannerDep) -> Response:
    _rule_in_scope(graph, caller, rule_id)
    rules.delete_rule(graph, rule_id, account=caller.account, role=caller.role)
    return Response(status_code=204)


@router.get("/alerts", summary="Alerts of the caller's scope, newest first (planner role): the dashboard's bell", response_model=list[Alert], responses=ERRORS)
def list_alerts(
    graph: GraphDep,
    caller: PlannerDep,
    region: RegionQ = None,
    state: Annotated[Literal["active", "open", "acknowledged", "resolved", "all"], Query(description="`active`: open or acknowledged")] = "active",
    limit: Annotated[int, Query(ge=1, le=alerts.MAX_ALERTS_PAGE)] = 50,
) -> list[dict[str, Any]]:
    if region is not None:
        require_in_scope(graph, caller=caller, region_ids=[region], what="region")
    return alerts.list_alerts(graph, scope=caller.scope, region=region, state=state, limit=limit)


def _alert_in_scope(graph: Graph, caller: Caller, alert_id: str) -> dict[str, Any]:
    alert = alerts.get_alert(graph, alert_id)
    if not path_in_scope(caller, alert["path_ids"]):
        raise NotFound("No such alert.")
    return alert


@router.get("/alerts/{alert_id}", summary="One alert (planner role)", response_model=Alert, responses=ERRORS)
def read_alert(alert_id: AlertId, graph: GraphDep, caller: PlannerDep) -> dict[str, Any]:
    return _alert_in_scope(graph, caller, alert_id)


@router.post(
    "/alerts/{alert_id}/acknowledge",
    summary="Acknowledge an open alert (planner role, inside the scope)",
    response_model=Alert,
    responses={**ERRORS, 409: {"description": "Acknowledged or resolved already"}},
)
def acknowledge(alert_id: AlertId, graph: GraphDep, caller: PlannerDep) -> dict[str, Any]:
    """Recorded with who and when, in the audit trail; subscribers get `alert.acknowledged`. The alert resolves on its own
    when coverage recovers."""
    _alert_in_scope(graph, caller, alert_id)
    return alerts.acknowledge(graph, alert_id, account=caller.account, role=caller.role)
