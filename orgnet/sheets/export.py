"""A region's current records in the template's shape (the round trip: export, edit, import).

A record belongs to the export of a region when every region it belongs to (its own; an
assignment's ends'; :func:`orgnet.writes.records.region_of`) lies in the region's subtree: exactly
the records a planner scoped to that region may write back.  Voided records are left out.  Rows
are bundle-shaped (:func:`orgnet.writes.records._as_record`) and in id order, so an unedited export
imports as all unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from orgnet.graph.db import Graph
from orgnet.sheets.lookups import subtree_ids
from orgnet.sheets.sections import Section
from orgnet.writes.records import ASSIGNMENT_ENDS, KINDS, _as_record, region_of

# Fields a node keeps as a relationship, not a property (the loader's statements): read back for the sheet.
_RELATED = {
    "PartyMember": "org_id: head([(n)-[:MEMBER_OF]->(o:PartyOrg) | o.id]), "
    "central_household_id: head([(n)-[:IN_CENTRAL_HOUSEHOLD]->(c:CentralHousehold) | c.id])",
}


def node_props(label: str) -> str:
    """The node ``n``'s fields as a map: its properties, and those kept as relationships."""
    extra = _RELATED.get(label)
    return f"n {{.*, {extra}}}" if extra else "properties(n)"


def _statement(section: str) -> str:
    kind = KINDS[section]
    if not kind.is_assignment:
        return (
            f"MATCH (n:{kind.label}) WITH n, [x IN [{region_of('n')}] WHERE x IS NOT NULL] AS regions "
            "WHERE ($regions IS NULL OR (size(regions) > 0 AND all(x IN regions WHERE x IN $regions))) AND NOT coalesce(n.voided, false) "
            f"RETURN {node_props(kind.label)} AS props, null AS start, null AS end, [] AS start_labels, [] AS end_labels ORDER BY n.id"
        )
    starts, ends = ASSIGNMENT_ENDS[section]
    start = " OR ".join(f"s:{label}" for label in starts)
    end = " OR ".join(f"e:{label}" for label in ends)
    return (
        f"MATCH (s)-[r:{kind.rel}]->(e) WHERE ({start}) AND ({end}) "
        f"WITH s, r, e, [x IN [{region_of('s')}, {region_of('e')}] WHERE x IS NOT NULL] AS regions "
        "WHERE ($regions IS NULL OR (size(regions) > 0 AND all(x IN regions WHERE x IN $regions))) AND NOT coalesce(r.voided, false) "
        "RETURN properties(r) AS props, s.id AS start, e.id AS end, labels(s) AS start_labels, labels(e) AS end_labels "
        "ORDER BY s.id, e.id, r.since"
    )


def records(graph: Graph, section: Section, region: str | None, *, limit: int) -> Iterator[dict[str, Any]]:
    """The section's current records under ``region`` (``None``: all), bundle-shaped, at most ``limit``."""
    regions = subtree_ids(graph, region) if region is not None else None
    kind = KINDS[section.section]
    rows = graph.read(_statement(section.section) + " LIMIT $limit", {"regions": regions, "limit": limit})
    for row in rows:
        yield _as_record(kind, row["props"], row["start"], row["end"], row["start_labels"], row["end_labels"])
