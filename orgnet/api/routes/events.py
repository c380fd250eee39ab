"""``GET /v1/events``: the live stream of changes and alerts in the caller's scope (Server-Sent
Events with ``Last-Event-ID`` resume), or one page of them as JSON for clients that poll.

What each event says: :mod:`orgnet.events.payload`; how the stream works: :mod:`orgnet.events.stream`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from orgnet.api.deps import CallerDep, GraphDep, SettingsDep
from orgnet.api.scope import require_in_scope
from orgnet.errors import InvalidInput
from orgnet.events.stream import PAGE_MAX, Broadcaster, events_after, stream

router = APIRouter(prefix="/v1", tags=["events"])


class TouchedRegion(BaseModel):
    id: str
    name: str | None = None
    level: str | None = None
    path: list[str] = Field(description="The region's ancestors, the city first")


class Days(BaseModel):
    from_: str | None = Field(alias="from", description="First day whose coverage the change can alter (null: unbounded)")
    to: str | None = Field(description="Last such day (null: unbounded)")


class Touched(BaseModel):
    regions: list[TouchedRegion] = Field(description="The regions written, those of the caller's scope only")
    metrics: list[str] = Field(description="The metrics whose coverage can change")
    days: Days
    reach_known: bool = Field(description="false: items outside `regions` can change too (refresh every figure of `metrics`)")


class ChangeRef(BaseModel):
    id: str | None = Field(description="The change in `GET /v1/changes`")
    kind: str | None = None
    action: str | None = None
    path: str | None = None
    account: str | None = Field(default=None, description="Planners and admins only")
    items: list[str] = Field(default_factory=list, description="Record ids: planners and admins whose scope holds every region written")
    items_total: int = 0


class Event(BaseModel):
    id: str = Field(description="The event's id (a receiver's idempotency key)")
    seq: int = Field(description="Its place in the stream: the SSE `id`, and `after` / `Last-Event-ID` to resume")
    type: str = Field(description="`change`, `alert.opened`, `alert.acknowledged` or `alert.resolved`")
    at: str | None = None
    touched: Touched
    change: ChangeRef | None = None
    alert: dict[str, Any] | None = Field(default=None, description="The alert as it was at the event (see `GET /v1/alerts/{alert_id}`)")


class EventPage(BaseModel):
    items: list[Event]
    last_event_id: int | None = Field(description="The `seq` to ask after next (null: no event yet)")
    reset: bool = Field(description="Events after `after` were pruned (EVENTS_RETENTION_DAYS): reload what you show")


STREAM_DOC = {
    "200": {
        "description": "`text/event-stream` (when asked for in `Accept`): `id: <seq>`, `event: <type>`, `data: <Event as JSON>`, a comment "
        "every 15 s, and `event: reset` when events asked for are gone; otherwise one JSON page",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}


def _broadcaster(request: Request, graph: Any, settings: Any) -> Broadcaster:
    state = request.app.state
    if getattr(state, "events_broadcaster", None) is None:
        state.events_broadcaster = Broadcaster(graph, poll_s=settings.events_poll_s)
    return state.events_broadcaster


@router.get("/events", summary="Changes and alerts of the caller's scope: a live stream (SSE) or a page", response_model=EventPage, responses=STREAM_DOC)
async def events(
    request: Request,
    graph: GraphDep,
    caller: CallerDep,
    settings: SettingsDep,
    region: Annotated[str | None, Query(max_length=64, description="Only events touching this region or its subtree", examples=["320321"])] = None,
    after: Annotated[int | None, Query(ge=0, description="Events after this `seq` (the SSE `Last-Event-ID` header does the same)")] = None,
    limit: Annotated[int, Query(ge=1, le=PAGE_MAX, description="JSON page size")] = 100,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID", max_length=20, description="Resume a stream after this event")] = None,
    # `Accept` is read from the request, not declared as a parameter: it is content negotiation
    # (OpenAPI ignores a header parameter named Accept), and a declared length limit made a
    # browser's long Accept a 422
) -> Any:
    """With `Accept: text/event-stream`: events as they are published (and first those after `Last-Event-ID` or `after`), until
    EVENTS_STREAM_MAX_S; reconnect with `Last-Event-ID` to go on. Otherwise: the events after `after` as JSON. A scoped account
    gets the events of its regions only; record ids and who wrote only planners and admins."""
    if last_event_id is not None:
        if not last_event_id.strip().isdigit():
            raise InvalidInput("Last-Event-ID is the `seq` of an event.", errors=[{"field": "Last-Event-ID", "reason": "a non-negative integer"}])
        after = int(last_event_id.strip())
    if region is not None:
        await run_in_threadpool(require_in_scope, graph, caller=caller, region_ids=[region], what="region")
    personal = caller.sees_personal_data
    if "text/event-stream" in request.headers.get("accept", ""):
        body = stream(
            _broadcaster(request, graph, settings),
            after=after,
            scope=caller.scope,
            personal=personal,
            region=region,
            max_s=settings.events_stream_max_s,
            disconnected=request.is_disconnected,
        )
        return StreamingResponse(body, media_type="text/event-stream", headers={"X-Accel-Buffering": "no"})
    items, reset = await run_in_threadpool(events_after, graph, after=after or 0, scope=caller.scope, personal=personal, region=region, limit=limit)
    return {"items": items, "last_event_id": items[-1]["seq"] if items else after, "reset": reset}
