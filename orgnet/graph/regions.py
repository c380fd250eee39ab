"""Regions: one region with its ancestor path, its children with counts, and search by name or id."""

from __future__ import annotations

from typing import Any

from orgnet.errors import NotFound
from orgnet.graph.db import Graph
from orgnet.graph.divisions import top_of_path
from orgnet.graph.model import LEVELS, Level

GET_REGION = """
MATCH (r:Region {id: $id})
RETURN r.id AS id, r.name AS name, r.level AS level, r.kind AS kind, r.code AS code,
       r.path_ids AS path_ids, r.path_names AS path_names,
       COUNT { (r)<-[:PART_OF]-() } AS children
"""

CHILDREN = """
MATCH (r:Region {id: $id})<-[:PART_OF]-(c:Region)
WHERE $cursor IS NULL OR c.id > $cursor
WITH c ORDER BY c.id LIMIT $limit
RETURN c.id AS id, c.name AS name, c.level AS level, c.kind AS kind, c.code AS code,
       COUNT { (c)<-[:PART_OF]-() } AS children,
       COUNT { (c)<-[:PART_OF*0..2]-(:Village) } AS village_level_units,
       COUNT { (c)<-[:LOCATED_IN]-(:PartyOrg) } AS party_orgs_here,
       COUNT { (c)<-[:LOCATED_IN]-(:Enterprise) } AS enterprises_here
"""


def region_path(path_ids: list[str] | None, path_names: list[str] | None) -> list[dict[str, str]]:
    """``[{id, name, level}]`` from the ancestor lists a region stores (topmost first: the city in a
    city graph, the nation when provinces are loaded): the one shape of a region path in every response.

    >>> region_path(["320300", "320321"], ["徐州市", "丰县"])
    [{'id': '320300', 'name': '徐州市', 'level': 'city'}, {'id': '320321', 'name': '丰县', 'level': 'county'}]
    >>> [p["level"] for p in region_path(["100000", "320000", "320300"], ["中国", "江苏省", "徐州市"])]
    ['nation', 'province', 'city']
    """
    ids, names = path_ids or [], path_names or []
    first = Level(top_of_path(ids)).rank
    return [{"id": i, "name": n, "level": LEVELS[first + k].value} for k, (i, n) in enumerate(zip(ids, names, strict=False))]


SEARCH = """
MATCH (r:Region)
WHERE ($level IS NULL OR r.level = $level)
  AND (toLower(r.name) CONTAINS $q OR r.id STARTS WITH $q OR toLower(coalesce(r.code, '')) STARTS WITH $q)
WITH r, CASE r.level WHEN 'nation' THEN 0 WHEN 'province' THEN 1 WHEN 'city' THEN 2 WHEN 'county' THEN 3 WHEN 'town' THEN 4 ELSE 5 END AS rank
ORDER BY CASE WHEN toLower(r.name) STARTS WITH $q THEN 0 ELSE 1 END, rank, size(r.name), r.id
LIMIT $limit
RETURN r.id AS id, r.name AS name, r.level AS level, r.kind AS kind, r.path_ids AS path_ids, r.path_names AS path_names
"""

SEARCH_COUNT = """
MATCH (r:Region)
WHERE ($level IS NULL OR r.level = $level)
  AND (toLower(r.name) CONTAINS $q OR r.id STARTS WITH $q OR toLower(coalesce(r.code, '')) STARTS WITH $q)
RETURN count(r) AS total
"""


def search_regions(graph: Graph, *, q: str, level: str | None, limit: int) -> dict[str, Any]:
    """Regions whose name contains ``q`` (case-insensitive) or whose id or code starts with it,
    names starting with ``q`` first, then by level from the top down; ``total`` counts every match."""
    text = q.strip().lower()
    params = {"q": text, "level": level, "limit": limit}
    items = [
        {**{k: v for k, v in row.items() if k not in ("path_ids", "path_names")}, "path": region_path(row["path_ids"], row["path_names"])}
        for row in graph.read(SEARCH, params)
    ]
    total = graph.read(SEARCH_COUNT, params)[0]["total"]
    return {"q": q, "level": level, "items": items, "total": total}


def get_region(graph: Graph, *, region_id: str) -> dict[str, Any]:
    rows = graph.read(GET_REGION, {"id": region_id})
    if not rows:
        raise NotFound(f"No region with id {region_id!r}.")
    region = rows[0]
    region["path"] = region_path(region.pop("path_ids"), region.pop("path_names"))
    return {k: region[k] for k in ("id", "name", "level", "kind", "code", "path", "children")}


def region_children(graph: Graph, *, region_id: str, limit: int, cursor: str | None) -> dict[str, Any]:
    region = get_region(graph, region_id=region_id)
    rows = graph.read(CHILDREN, {"id": region_id, "cursor": cursor, "limit": limit + 1})
    next_cursor = rows[limit - 1]["id"] if len(rows) > limit else None
    return {"region": region, "items": rows[:limit], "next_cursor": next_cursor, "total": region["children"]}
