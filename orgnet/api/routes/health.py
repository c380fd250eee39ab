"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from orgnet.api.deps import GraphDep
from orgnet.errors import OrgnetError
from orgnet.graph.schema import schema_status

router = APIRouter(tags=["health"])


@router.get("/health", summary="The process is alive", responses={200: {"content": {"application/json": {"example": {"status": "ok"}}}}})
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/ready",
    summary="Neo4j reachable and the schema applied",
    responses={
        200: {"content": {"application/json": {"example": {"status": "ok", "neo4j": "ok", "schema": {"missing": [], "not_online": []}}}}},
        503: {"description": "Not ready: the body says why"},
    },
)
def ready(graph: GraphDep) -> JSONResponse:
    try:
        graph.ping()
        schema = schema_status(graph)
    except OrgnetError as e:
        return JSONResponse({"status": "unavailable", "neo4j": e.detail}, status_code=503)
    ok = not schema["missing"] and not schema["not_online"]
    return JSONResponse(
        {"status": "ok" if ok else "schema-incomplete", "neo4j": "ok", "schema": schema},
        status_code=200 if ok else 503,
    )
