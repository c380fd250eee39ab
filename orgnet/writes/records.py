"""The record kinds written one at a time: their ids, how to find them, their versions and regions.

Every kind is a bundle section (the same model, the same validation, the same write statement as an
import).  *Items* are nodes with an ``id``; *assignments* are relationships, whose id is
``<start id>~<end id>~<since>`` (the key the loader merges on, so imported assignments have one
too).  Allocations are items (an ``id``, a ``date``, no ``until``).

The **region of a record** decides scope (``orgnet.api.scope``) and which summaries a write
refreshes.  An item belongs to its ``region_id`` (a volunteer team to its party organisation's
region); an assignment belongs to the regions of *both* its ends: a pairing to the cadre's and
the enterprise's, a household link to the member's and the household's, a deployment to the team's
and the target's, a family support to the supporter's and the medical worker's family's.  A
scoped account may write a record only when every one of its regions is inside its scope, so a
丰县 planner cannot pair a 沛县 cadre, nor a city-level cadre (whose region, the city, is outside
丰县); an unscoped (city) planner can.  Every other id a record names (a member's organisation, a
recognition's person, ...) must lie in the scope too: :mod:`orgnet.writes.references`.

The **version** of a record is a digest of everything stored on it (its properties and, for an
assignment, its ends): any change, by orgnet or in Neo4j Browser, gives a new version.

>>> assignment_id(start="c1", end="e1", since="2020-02-01")
'c1~e1~2020-02-01'
>>> parse_assignment_id("c1~e1~2020-02-01")
('c1', 'e1', datetime.date(2020, 2, 1))
>>> KINDS["pairings"].is_assignment, KINDS["cadres"].is_assignment
(True, False)
>>> version_of({"b": 1, "a": "x"}) == version_of({"a": "x", "b": 1})
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import neo4j

from orgnet.errors import NotFound
from orgnet.graph.db import Graph, to_native
from orgnet.graph.model import Bundle
from orgnet.graph.validate import SECTION_LABEL


@dataclass(frozen=True)
class Kind:
    """A section written record by record.  For an assignment: the relationship type, the fields
    and labels of its ends (``None``: decided by ``type_field``), and how to find one by id."""

    section: str
    label: str | None = None
    rel: str | None = None
    start_field: str | None = None
    end_field: str | None = None
    match: str | None = None

    @property
    def is_assignment(self) -> bool:
        return self.rel is not None


# ``MATCH`` patterns binding s (start), r (the relationship), e (end); ``$start``, ``$end``, ``$since``.
# Each is anchored on an end whose label is certain, so it is an index lookup and one expansion.
ASSIGNMENTS = {
    "pairings": Kind(
        "pairings",
        rel="PAIRED_WITH",
        start_field="cadre_id",
        end_field="enterprise_id",
        match="(s:Cadre {id: $start})-[r:PAIRED_WITH {since: $since}]->(e:Enterprise {id: $end})",
    ),
    "supervisions": Kind(
        "supervisions",
        rel="SUPERVISES",
        start_field="cadre_id",
        end_field="region_id",
        match="(s:Cadre {id: $start})-[r:SUPERVISES {since: $since}]->(e:Region {id: $end})",
    ),
    "household_links": Kind(
        "household_links",
        rel="LINKS",
        start_field="member_id",
        end_field="household_id",
        match="(s:PartyMember {id: $start})-[r:LINKS {since: $since}]->(e:Household {id: $end})",
    ),
    "team_memberships": Kind(
        "team_memberships",
        rel="ON_TEAM",
        start_field="member_id",
        end_field="team_id",
        match="(s:PartyMember {id: $start})-[r:ON_TEAM {since: $since}]->(e:VolunteerTeam {id: $end})",
    ),
    "deployments": Kind(
        "deployments",
        rel="DEPLOYED_TO",
        start_field="team_id",
        end_field="target_id",
        match="(s:VolunteerTeam {id: $start})-[r:DEPLOYED_TO {since: $since}]->(e) WHERE e.id = $end AND (e:Region OR e:Checkpoint)",
    ),
    "family_supports": Kind(
        "family_supports",
        rel="SUPPORTS_FAMILY_OF",
        start_field="supporter_id",
        end_field="medical_worker_id",
        match="(s)-[r:SUPPORTS_FAMILY_OF {since: $since}]->(e:MedicalWorker {id: $end}) WHERE s.id = $start AND (s:PartyOrg OR s:Cadre)",
    ),
    "care_contacts": Kind(
        "care_contacts",
        rel="CARES_FOR",
        start_field="supporter_id",
        end_field="duty_death_id",
        match="(s)-[r:CARES_FOR {since: $since}]->(e:DutyDeath {id: $end}) WHERE s.id = $start AND (s:PartyOrg OR s:Cadre)",
    ),
}
ITEMS = {section: Kind(section, label=label) for section, label in SECTION_LABEL.items() if section != "regions"}
KINDS: dict[str, Kind] = {**ASSIGNMENTS, **ITEMS}
"""Every kind ``/v1/records/{kind}`` writes, by bundle section name.  Regions are not among them:
the region tree changes by bundle import only (its rules are the import's)."""

# Where a node belongs: a region is its own; a team, its organisation's; a care payment, the family's
# (its death on duty's); everything else its region_id.
REGION_OF = """CASE WHEN {x}:Region THEN {x}.id
     WHEN {x}:VolunteerTeam THEN head(COLLECT {{ MATCH (po:PartyOrg {{id: {x}.org_id}}) RETURN po.region_id }})
     WHEN {x}:CarePayment THEN head(COLLECT {{ MATCH (dd:DutyDeath {{id: {x}.duty_death_id}}) RETURN dd.region_id }})
     ELSE {x}.region_id END"""


def region_of(x: str) -> str:
    return REGION_OF.format(x=x)


def get_kind(section: str) -> Kind:
    kind = KINDS.get(section)
    if kind is None:
        raise NotFound(f"No record kind {section!r}; kinds: {', '.join(KINDS)}.")
    return kind


def assignment_id(*, start: str, end: str, since: dt.date | str) -> str:
    return f"{start}~{end}~{since.isoformat() if isinstance(since, dt.date) else since}"


def parse_assignment_id(record_id: str) -> tuple[str, str, dt.date]:
    """``start~end~since``, or :class:`NotFound` (an id that cannot exist does not)."""
    parts = record_id.split("~")
    try:
        start, end, since = parts
        return start, end, dt.date.fromisoformat(since)
    except ValueError:
        raise NotFound("No such record.") from None


def version_of(state: dict[str, Any]) -> str:
    raw = json.dumps(state, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def record_id_of(kind: Kind, record: Any) -> str:
    """The id of a bundle record of ``kind``."""
    if not kind.is_assignment:
        return record.id
    return assignment_id(start=getattr(record, kind.start_field), end=getattr(record, kind.end_field), since=record.since)


def _assignment_params(record_id: str) -> dict[str, Any]:
    start, end, since = parse_assignment_id(record_id)
    return {"start": start, "end": end, "since": since}


def _as_record(kind: Kind, props: dict[str, Any], start: str | None, end: str | None, start_labels: list[str], end_labels: list[str]) -> dict[str, Any]:
    """The stored record in the bundle's shape (plus its void marks), JSON-ready."""
    props = {k: (v.isoformat() if isinstance(v, dt.date | dt.datetime) else v) for k, v in to_native(props).items() if k != "id_number_hmac"}  # never shown
    if not kind.is_assignment:
        return props
    out = {kind.start_field: start, kind.end_field: end, "until": None, **props}  # an absent until is an open end
    if kind.section == "deployments":
        out["target_type"] = "region" if "Region" in end_labels else "checkpoint"
    if kind.section in ("family_supports", "care_contacts"):
        out["supporter_type"] = "party_org" if "PartyOrg" in start_labels else "cadre"
    return out


def find_statement(kind: Kind, record_id: str, *, lock: bool = False) -> tuple[str, dict[str, Any]]:
    """A query returning the record (``props``, ends, ``regions``) or nothing; ``lock``: take its
    write lock first, so a version read under it stays current until the transaction ends."""
    if kind.is_assignment:
        params = _assignment_params(record_id)
        return (
            f"MATCH {kind.match}\n"
            + ("SET r._orgnet_lock = true REMOVE r._orgnet_lock\n" if lock else "")
            + f"RETURN properties(r) AS props, s.id AS start, e.id AS end, labels(s) AS start_labels, labels(e) AS end_labels, "
            f"s.name AS start_name, e.name AS end_name, [x IN [{region_of('s')}, {region_of('e')}] WHERE x IS NOT NULL] AS regions LIMIT 1",
            params,
        )
    return (
        f"MATCH (n:{kind.label} {{id: $id}})\n"
        + ("SET n._orgnet_lock = true REMOVE n._orgnet_lock\n" if lock else "")
        + f"RETURN properties(n) AS props, null AS start, null AS end, [] AS start_labels, [] AS end_labels, "
        f"null AS start_name, null AS end_name, [x IN [{region_of('n')}] WHERE x IS NOT NULL] AS regions",
        {"id": record_id},
    )


@dataclass
class Stored:
    """A record as stored: its bundle-shaped fields, its version and the regions it belongs to."""

    kind: Kind
    id: str
    record: dict[str, Any]
    version: str
    regions: list[str]
    names: dict[str, str] = field(default_factory=dict)  # the names of an assignment's two ends (not part of its version)

    @property
    def voided(self) -> bool:
        return bool(self.record.get("voided"))

    def as_dict(self, *, names: bool = False) -> dict[str, Any]:
        """JSON-ready; ``names``: with the names of the two ends (``{id: name}``), for a caller who may read them."""
        out = {"kind": self.kind.section, "id": self.id, "version": self.version, "voided": self.voided, "regions": self.regions, "record": self.record}
        return {**out, "names": self.names} if names else out


def _stored(kind: Kind, record_id: str, row: dict[str, Any]) -> Stored:
    record = _as_record(kind, row["props"], row["start"], row["end"], row["start_labels"], row["end_labels"])
    names = {row[end]: row[f"{end}_name"] for end in ("start", "end") if row.get(end) and row.get(f"{end}_name")}
    return Stored(kind=kind, id=record_id, record=record, version=version_of(record), regions=sorted(set(row["regions"])), names=names)


def read_record(graph: Graph, kind: Kind, record_id: str) -> Stored:
    """The record, or :class:`NotFound`."""
    query, params = find_statement(kind, record_id)
    rows = graph.read(query, params)
    if not rows:
        raise NotFound("No such record.")
    return _stored(kind, record_id, rows[0])


def read_record_tx(tx: neo4j.ManagedTransaction, kind: Kind, record_id: str, *, lock: bool) -> Stored | None:
    query, params = find_statement(kind, record_id, lock=lock)
    row = tx.run(query, params).single()
    return _stored(kind, record_id, row.data()) if row else None


def bundle_of(kind: Kind, record: dict[str, Any]) -> dict[str, Any]:
    """A one-record bundle (for the import's validation) from a stored or sent record."""
    fields = Bundle.model_fields[kind.section].annotation.__args__[0].model_fields  # type: ignore[union-attr]
    return {"format": "orgnet-bundle/1", kind.section: [{k: v for k, v in record.items() if k in fields and v is not None}]}


# The labels each assignment kind's ends may carry: where a search by one item's id anchors (an
# index lookup on `(label {id})`, then one expansion of the kind's type).
ASSIGNMENT_ENDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "pairings": (("Cadre",), ("Enterprise",)),
    "supervisions": (("Cadre",), ("Region",)),
    "household_links": (("PartyMember",), ("Household",)),
    "team_memberships": (("PartyMember",), ("VolunteerTeam",)),
    "deployments": (("VolunteerTeam",), ("Region", "Checkpoint")),
    "family_supports": (("PartyOrg", "Cadre"), ("MedicalWorker",)),
    "care_contacts": (("PartyOrg", "Cadre"), ("DutyDeath",)),
}
MAX_RECORDS_OF_ITEM = 500


def _records_of_item_statement() -> str:
    parts = []
    for section, (starts, ends) in ASSIGNMENT_ENDS.items():
        rel = ASSIGNMENTS[section].rel
        anchors = [f"(s:{label} {{id: $item}})-[r:{rel}]->(e)" for label in starts] + [f"(s)-[r:{rel}]->(e:{label} {{id: $item}})" for label in ends]
        parts += [
            f"MATCH {anchor}\nRETURN '{section}' AS kind, properties(r) AS props, s.id AS start, e.id AS end, labels(s) AS start_labels, "
            f"labels(e) AS end_labels, s.name AS start_name, e.name AS end_name, [x IN [{region_of('s')}, {region_of('e')}] WHERE x IS NOT NULL] AS regions"
            for anchor in anchors
        ]
    return "CALL () {\n" + "\nUNION ALL\n".join(parts) + f"\n}}\nRETURN * ORDER BY kind, start, end, props.since LIMIT {MAX_RECORDS_OF_ITEM + 1}"


RECORDS_OF_ITEM = _records_of_item_statement()


def assignments_of_item(graph: Graph, *, item_id: str) -> tuple[list[Stored], bool]:
    """Every assignment record with ``item_id`` at one of its ends (an item of any label with that
    id), voided and ended ones included, ordered by kind, ends and start day; and whether more than
    :data:`MAX_RECORDS_OF_ITEM` exist (only those are returned).  Seed and imported records have ids
    too: this is how a page finds them, where the change log knows only those written one by one."""
    rows = graph.read(RECORDS_OF_ITEM, {"item": item_id})
    stored = []
    for row in rows[:MAX_RECORDS_OF_ITEM]:
        kind = ASSIGNMENTS[row["kind"]]
        since = to_native(row["props"]).get("since")
        stored.append(_stored(kind, assignment_id(start=row["start"], end=row["end"], since=since), row))
    return stored, len(rows) > MAX_RECORDS_OF_ITEM
