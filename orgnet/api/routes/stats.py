"""Node and relationship counts."""

from __future__ import annotations

from fastapi import APIRouter

from orgnet.api.deps import GraphDep
from orgnet.graph.stats import graph_stats

router = APIRouter(prefix="/v1", tags=["stats"])


@router.get("/stats", summary="Node counts per label, relationship counts per type")
def stats(graph: GraphDep) -> dict[str, dict[str, int]]:
    return graph_stats(graph)
