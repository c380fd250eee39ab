"""Subscriptions (planner role): webhooks and e-mail for regions of the caller's scope, their
deliveries (every attempt logged), and the replay of dead-lettered deliveries (admins).

A webhook's secret is in the answer that made it or rotated it, and never again.  A subscription
whose regions are not all in the caller's scope is answered as one that does not exist (404)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query, Request, Response
from pydantic import BaseModel, Field

from orgnet.api.deps import Caller, GraphDep, PlannerDep, SettingsDep
from orgnet.api.scope import require_in_scope
from orgnet.errors import Forbidden, InvalidInput, NotFound
from orgnet.events import deliveries, subscriptions
from orgnet.graph.db import Graph

router = APIRouter(prefix="/v1", tags=["alerts"])

SubId = Annotated[str, Path(max_length=64, pattern=r"^sub-[0-9a-f]{12}$", description="Subscription id", examples=["sub-0123456789ab"])]
ERRORS = {403: {"description": "Needs the planner role"}, 404: {"description": "No such subscription, or outside the caller's scope"}}


class Subscription(BaseModel):
    id: str
    name: str = ""
    channel: Literal["webhook", "email"]
    url: str | None = None
    email: str | None = None
    regions: list[str]
    events: list[str]
    lang: Literal["zh", "en"] = "zh"
    digest: Literal["none", "daily", "weekly"] = "none"
    owner: str | None = None
    created_at: str | None = None
    active: bool = True
    next_digest_at: str | None = None


class SubscriptionWithSecret(BaseModel):
    subscription: Subscription
    secret: str | None = Field(description="webhook: the HMAC-SHA256 key of `X-Orgnet-Signature`, shown this once; null for e-mail")


class Attempt(BaseModel):
    attempt: int
    at: float = Field(description="Unix time")
    status: int | None = Field(description="The receiver's HTTP status (250: e-mail accepted); null: no answer")
    error: str | None = None
    ms: float
    next_at: float | None = Field(description="When the next attempt is due (Unix time); null: none")


class Delivery(BaseModel):
    id: str
    event_id: str
    event_type: str
    subscription_id: str
    channel: str
    state: Literal["pending", "delivered", "dead", "cancelled"]
    attempts: int
    next_at: float | None = None
    last_error: str | None = None
    created_at: str | None = None
    delivered_at: str | None = None
    log: list[Attempt]


class Replayed(BaseModel):
    replayed: list[str] = Field(description="Deliveries dead-lettered before, pending again")


def _visible(graph: Graph, caller: Caller, sub_id: str) -> dict[str, Any]:
    sub = subscriptions.get_subscription(graph, sub_id)
    require_in_scope(graph, caller=caller, region_ids=sub["regions"], what="subscription")
    return sub


@router.get("/subscriptions", summary="Subscriptions of the caller's scope (planner role)", response_model=list[Subscription], responses=ERRORS)
def list_subscriptions(
    graph: GraphDep,
    caller: PlannerDep,
    region: Annotated[str | None, Query(max_length=64, description="Only those naming this region", examples=["320321"])] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[dict[str, Any]]:
    if region is not None:
        require_in_scope(graph, caller=caller, region_ids=[region], what="region")
    subs = subscriptions.list_subscriptions(graph, owner=caller.account, every=True, limit=500)
    from orgnet.api.scope import regions_outside_scope

    out = [s for s in subs if (region is None or region in s["regions"]) and not regions_outside_scope(graph, caller=caller, region_ids=s["regions"])]
    return out[:limit]


@router.post(
    "/subscriptions",
    status_code=201,
    summary="Subscribe a webhook or an e-mail address to events of regions in the scope (planner role)",
    response_model=SubscriptionWithSecret,
    responses={**ERRORS, 422: {"description": "Invalid subscription (problem details naming the field)"}},
)
def create_subscription(body: Annotated[subscriptions.SubscriptionIn, Body()], graph: GraphDep, caller: PlannerDep, settings: SettingsDep) -> dict[str, Any]:
    """`regions` default to the caller's scope (a caller with none names them). A webhook gets a POST per event, signed in
    `X-Orgnet-Signature` (`t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`), with the event's id in `X-Orgnet-Event-Id`."""
    regions = body.regions or list(caller.scope or [])
    if not regions:
        raise InvalidInput("Name the regions to subscribe to.", errors=[{"field": "regions", "reason": "required for a caller without a scope"}])
    require_in_scope(graph, caller=caller, region_ids=regions, what="region")
    sub, secret = subscriptions.create_subscription(
        graph, body, regions=regions, account=caller.account, role=caller.role, personal=caller.sees_personal_data, digest_hour=settings.email_digest_hour
    )
    return {"subscription": sub, "secret": secret}


@router.get("/subscriptions/{subscription_id}", summary="One subscription (planner role; never its secret)", response_model=Subscription, responses=ERRORS)
def read_subscription(subscription_id: SubId, graph: GraphDep, caller: PlannerDep) -> dict[str, Any]:
    return _visible(graph, caller, subscription_id)


@router.delete("/subscriptions/{subscription_id}", status_code=204, summary="Delete a subscription; its pending deliveries are cancelled", responses=ERRORS)
def delete_subscription(subscription_id: SubId, graph: GraphDep, caller: PlannerDep) -> Response:
    _visible(graph, caller, subscription_id)
    subscriptions.delete_subscription(graph, subscription_id, account=caller.account, role=caller.role)
    return Response(status_code=204)


@router.post(
    "/subscriptions/{subscription_id}/rotate",
    summary="A new webhook secret, shown once; the old one stops signing at once",
    response_model=SubscriptionWithSecret,
    responses={**ERRORS, 422: {"description": "Not a webhook"}},
)
def rotate(subscription_id: SubId, graph: GraphDep, caller: PlannerDep) -> dict[str, Any]:
    _visible(graph, caller, subscription_id)
    sub, secret = subscriptions.rotate_secret(graph, subscription_id, account=caller.account, role=caller.role)
    return {"subscription": sub, "secret": secret}


@router.get(
    "/subscriptions/{subscription_id}/deliveries",
    summary="A subscription's deliveries, newest first, each with its attempts",
    response_model=list[Delivery],
    responses=ERRORS,
)
def list_deliveries(
    subscription_id: SubId,
    graph: GraphDep,
    caller: PlannerDep,
    state: Annotated[Literal["pending", "delivered", "dead", "cancelled"] | None, Query(description="Only deliveries in this state")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[dict[str, Any]]:
    _visible(graph, caller, subscription_id)
    return deliveries.list_deliveries(graph, subscription_id=subscription_id, state=state, limit=limit)


@router.post(
    "/subscriptions/{subscription_id}/replay",
    summary="Replay dead-lettered deliveries (admins)",
    response_model=Replayed,
    responses={**ERRORS, 403: {"description": "Needs an admin for the whole city"}},
)
def replay(
    subscription_id: SubId,
    request: Request,
    graph: GraphDep,
    caller: PlannerDep,
    delivery: Annotated[str | None, Query(max_length=200, description="Only this delivery (default: every dead one of the subscription)")] = None,
) -> dict[str, Any]:
    """Dead deliveries go back to pending with their attempts counted from zero; their log is kept."""
    caller.require("admin")
    if caller.scope is not None:
        raise Forbidden("Replaying deliveries needs an admin for the whole city.")
    subscriptions.get_subscription(graph, subscription_id)
    if delivery is not None and not delivery.endswith("|" + subscription_id):
        raise NotFound("No such delivery.")
    by = caller.account or f"role:{caller.role}"
    return {"replayed": deliveries.replay(graph, delivery_id=delivery, subscription_id=subscription_id, by=by)}
