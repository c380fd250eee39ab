"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from orgnet.api.deps import GraphDep, PolicyDep
from orgnet.coverage.summaries import readiness
from orgnet.errors import OrgnetError
from orgnet.graph.schema import schema_status

router = APIRouter(tags=["health"])


@router.get("/health", summary="The process is alive", responses={200: {"content": {"application/json": {"example": {"status": "ok"}}}}})
async def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/ready",
    summary="Neo4j reachable and the schema applied",
    description="`summaries.not_fresh` lists the metrics whose stored coverage summaries are stale or from another "
    "policy: their rollups run the live queries (correct, slower at city scale) until `orgnet summaries refresh`. "
    "`summaries.changed_outside_orgnet` lists those whose population was changed by something other than orgnet "
    "(`graph_changed_outside_orgnet`, `detail`); `imports.unfinished` lists interrupted batched imports. "
    "Neither makes the service unready.",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {"status": "ok", "neo4j": "ok", "schema": {"missing": [], "not_online": []}, "summaries": {"not_fresh": [], "changed_outside_orgnet": [], "graph_changed_outside_orgnet": False},
                                "imports": {"unfinished": []}}
                }
            }
        },
        503: {"description": "Not ready: the body says why"},
    },
)
def ready(graph: GraphDep, policy: PolicyDep) -> JSONResponse:
    try:
        graph.ping()
        schema = schema_status(graph)
        freshness = readiness(graph, policy=policy)  # {"summaries": ..., "imports": ...}
    except OrgnetError as e:
        return JSONResponse({"status": "unavailable", "neo4j": e.detail}, status_code=503)
    ok = not schema["missing"] and not schema["not_online"]
    return JSONResponse(
        {"status": "ok" if ok else "schema-incomplete", "neo4j": "ok", "schema": schema, **freshness},
        status_code=200 if ok else 503,
    )
