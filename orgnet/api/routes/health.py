"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from orgnet.api.deps import GraphDep, PolicyDep
from orgnet.coverage.summaries import summary_status
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
    "It does not make the service unready.",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {"status": "ok", "neo4j": "ok", "schema": {"missing": [], "not_online": []}, "summaries": {"not_fresh": []}}
                }
            }
        },
        503: {"description": "Not ready: the body says why", "content": {"application/json": {"example": {"status": "unavailable", "neo4j": "Neo4j is not reachable."}}}},
    },
)
def ready(graph: GraphDep, policy: PolicyDep) -> JSONResponse:
    try:
        graph.ping()
        schema = schema_status(graph)
        not_fresh = [m for m, s in summary_status(graph, policy=policy).items() if not s["fresh"]]
    except OrgnetError as e:
        return JSONResponse({"status": "unavailable", "neo4j": e.detail}, status_code=503)
    ok = not schema["missing"] and not schema["not_online"]
    return JSONResponse(
        {"status": "ok" if ok else "schema-incomplete", "neo4j": "ok", "schema": schema, "summaries": {"not_fresh": not_fresh}},
        status_code=200 if ok else 503,
    )
