"""Counts of nodes per label and relationships per type (``orgnet stats``, ``/v1/stats``)."""

from __future__ import annotations

from orgnet.graph.db import Graph
from orgnet.graph.model import LEVEL_LABELS, NODE_LABELS, RELATIONSHIP_TYPES


def graph_stats(graph: Graph) -> dict[str, dict[str, int]]:
    """Counts from the count store (constant time), one query per label/type from the allow-lists."""
    nodes = {}
    for label in [*NODE_LABELS, *LEVEL_LABELS]:
        nodes[label] = graph.read(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]
    rels = {}
    for rel in RELATIONSHIP_TYPES:
        rels[rel] = graph.read(f"MATCH ()-[r:{rel}]->() RETURN count(r) AS c")[0]["c"]
    return {"nodes": nodes, "relationships": rels}


def is_empty(graph: Graph) -> bool:
    return graph.read("MATCH (n) RETURN count(n) = 0 AS empty")[0]["empty"]
