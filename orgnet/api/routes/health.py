"""Liveness and readiness."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from orgnet.api.deps import GraphDep, PolicyDep, SettingsDep
from orgnet.api.problems import problem_response
from orgnet.coverage.policy import Policy
from orgnet.coverage.summary_state import readiness
from orgnet.errors import OrgnetError
from orgnet.graph.db import Graph
from orgnet.graph.schema import schema_status

router = APIRouter(tags=["health"])
log = logging.getLogger("orgnet.api")


@router.get("/health", summary="The process is alive", responses={200: {"content": {"application/json": {"example": {"status": "ok"}}}}})
async def health() -> dict[str, str]:
    return {"status": "ok"}


def readiness_checks(graph: Graph, policy: Policy) -> dict[str, Any]:
    """Neo4j answers, the schema's state, the summaries' freshness and unfinished imports
    (``orgnet.coverage.summary_state.readiness``)."""
    graph.ping()
    schema = schema_status(graph)
    return {"schema": schema, **readiness(graph, policy=policy)}


def _probe_executor(request: Request) -> ThreadPoolExecutor:
    """One thread per app for the checks: a frozen Neo4j can hold at most this one thread."""
    state = request.app.state
    if getattr(state, "ready_executor", None) is None:
        state.ready_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="orgnet-ready")
        state.ready_probe = None
    return state.ready_executor


@router.get(
    "/ready",
    summary="Neo4j reachable and the schema applied",
    description="Answers within `READY_TIMEOUT_S` (0.8 s) always: checks that take longer (a Neo4j that is frozen "
    "or overloaded) make it 503, and data requests then fail at once with 503 and `Retry-After` for "
    "`NEO4J_DOWN_RETRY_S`. A 503 is problem details (`application/problem+json`) with the same members. "
    "`summaries.not_fresh` lists the metrics whose stored coverage summaries are stale or from another "
    "policy: their rollups run the live queries (correct, slower at city scale) until `orgnet summaries refresh`. "
    "`summaries.changed_outside_orgnet` lists those whose population was changed by something other than orgnet "
    "(`graph_changed_outside_orgnet`, `detail`); `imports.unfinished` lists the batched imports not finished: `running` "
    "(its process renews its lease) or `interrupted` (stopped by an error, or its process died and its lease ran out: "
    "`reason`), each with `resume`, the command that completes it. Neither makes the service unready.",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "status": "ok",
                        "neo4j": "ok",
                        "schema": {"missing": [], "not_online": []},
                        "summaries": {"not_fresh": [], "changed_outside_orgnet": [], "graph_changed_outside_orgnet": False},
                        "imports": {"unfinished": []},
                    }
                }
            }
        },
        503: {"description": "Not ready: the problem's `detail` says why", "content": {"application/problem+json": {}}},
    },
)
async def ready(request: Request, graph: GraphDep, policy: PolicyDep, settings: SettingsDep) -> JSONResponse:
    executor = _probe_executor(request)
    state = request.app.state
    probe: Future | None = state.ready_probe
    if probe is None or probe.done():
        # a probe still running from an earlier call (Neo4j frozen) is waited on, never doubled
        graph.health.probe_started()
        probe = state.ready_probe = executor.submit(readiness_checks, graph, policy)
        probe.add_done_callback(lambda _f: graph.health.probe_finished())
    waiting = asyncio.wrap_future(probe)
    waiting.add_done_callback(_retrieve)
    done, _ = await asyncio.wait({waiting}, timeout=settings.ready_timeout_s)
    if not done:
        # not marked down yet: a slow answer is not a dead server; a probe outstanding longer than
        # NEO4J_CONNECT_TIMEOUT_S is (DatabaseHealth), and data requests then fail at once
        return _unavailable(request, f"Neo4j did not answer within {settings.ready_timeout_s:g} s.", settings)
    try:
        checks = waiting.result()
    except OrgnetError as e:
        log.warning("not ready: %s (%s)", type(e).__name__, e.detail)
        return _unavailable(request, "Neo4j is not reachable.", settings)
    schema = checks["schema"]
    if schema["missing"] or schema["not_online"]:
        return problem_response(
            503,
            "Not ready",
            "The schema is incomplete (`missing`, `not_online`); run `orgnet schema apply`.",
            request,
            members={"status": "schema-incomplete", "neo4j": "ok", **checks},
        )
    return JSONResponse({"status": "ok", "neo4j": "ok", **checks})


def _retrieve(future: asyncio.Future) -> None:
    """Take a late probe's exception, so asyncio does not log it as never retrieved."""
    if not future.cancelled():
        future.exception()


def _unavailable(request: Request, detail: str, settings: Any) -> JSONResponse:
    retry = max(1, round(settings.neo4j_down_retry_s))
    return problem_response(
        503,
        "Database unavailable",
        detail,
        request,
        headers={"Retry-After": str(retry)},
        members={"status": "unavailable", "neo4j": "unavailable"},
    )
