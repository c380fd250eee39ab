"""What the lookup sheets list: a region's villages, and the items and people a row may refer to.

Read from the graph, a region's subtree at a time (``None``: the whole graph).  Names of people
(labels of :data:`orgnet.graph.model.PERSONAL_LABELS`) are given only when ``names`` is true: the
caller may see personal data in that region.
"""

from __future__ import annotations

from orgnet.graph.db import Graph
from orgnet.graph.model import PERSONAL_LABELS
from orgnet.sheets.templates import Person, Village

VILLAGES = """
MATCH (v:Village) WHERE $region IS NULL OR v.id = $region OR $region IN coalesce(v.path_ids, [])
OPTIONAL MATCH (v)-[:PART_OF]->(t:Region)
OPTIONAL MATCH (t)-[:PART_OF]->(c:Region)
RETURN v.id AS id, v.name AS name, t.name AS town, c.name AS county ORDER BY id LIMIT $limit
"""
SUBTREE = """
MATCH (x:Region) WHERE x.id = $region OR $region IN coalesce(x.path_ids, [])
RETURN collect(x.id) AS ids
"""
# (type shown, label); labels from the model only
LINKABLE = (
    ("党组织", "PartyOrg"),
    ("干部", "Cadre"),
    ("党员", "PartyMember"),
    ("户", "Household"),
    ("企业", "Enterprise"),
    ("卡口", "Checkpoint"),
    ("服务队", "VolunteerTeam"),
    ("医务人员", "MedicalWorker"),
    ("人才", "Talent"),
)


def villages(graph: Graph, region: str | None, *, limit: int) -> list[Village]:
    rows = graph.read(VILLAGES, {"region": region, "limit": limit})
    return [Village(r["id"], r["name"], r["town"], r["county"]) for r in rows]


def subtree_ids(graph: Graph, region: str) -> list[str]:
    rows = graph.read(SUBTREE, {"region": region})
    return list(rows[0]["ids"]) if rows else []


def people(graph: Graph, region: str | None, *, names: bool, limit: int) -> list[Person]:
    """Up to ``limit`` linkable items of the region, by type then id."""
    regions = subtree_ids(graph, region) if region is not None else None
    out: list[Person] = []
    for shown, label in LINKABLE:
        if len(out) >= limit:
            break
        name = "n.name" if names or label not in PERSONAL_LABELS else "null"
        if label == "VolunteerTeam":
            query = (
                "MATCH (n:VolunteerTeam) OPTIONAL MATCH (o:PartyOrg {id: n.org_id}) WITH n, o.region_id AS region "
                f"WHERE $regions IS NULL OR region IN $regions RETURN n.id AS id, {name} AS name, region ORDER BY id LIMIT $limit"
            )
        else:
            query = (
                f"MATCH (n:{label}) WHERE $regions IS NULL OR n.region_id IN $regions "
                f"RETURN n.id AS id, {name} AS name, n.region_id AS region ORDER BY id LIMIT $limit"
            )
        rows = graph.read(query, {"regions": regions, "limit": limit - len(out)})
        out += [Person(shown, r["id"], r["name"], r["region"]) for r in rows]
    return out
