"""Bundle validation: every problem named by section, record, field and reason.

Validation reads the database (references to ids loaded earlier, the region tree, where each
re-imported item is now) but never writes: a bundle with any error is refused whole.

What a re-import may change (docs/operators/import-bundles.md):

- a region keeps its level and its parent for ever (refused otherwise, naming old and new);
  a region without a parent (a root, the city) is refused when there is one already, unless
  ``allow_new_root``; no ``PART_OF`` cycle can be declared;
- an item's single "belongs to" relationships (:data:`MOVABLE`: where it is located, its
  parent organisation, a member's organisation) may change: that is a *move*; the loader
  replaces the old relationship (never a second one) and the report lists every move;
- every other property is overwritten by the record (a record states the whole item).

It is over 400 lines because every rule a bundle is checked against is here, so that the import,
the per-record writes and the suggestions applied refuse the same things with the same problems.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from orgnet.errors import InvalidInput
from orgnet.graph.db import Graph, batched
from orgnet.graph.model import LEVELS, PERSON_LABELS, Bundle, Level

# (section, field) -> label that the field references; ``None`` label: decided per row.
REFERENCES: dict[tuple[str, str], str] = {
    ("regions", "parent_id"): "Region",
    ("party_orgs", "region_id"): "Region",
    ("party_orgs", "parent_id"): "PartyOrg",
    ("cadres", "region_id"): "Region",
    ("enterprises", "region_id"): "Region",
    ("pairings", "cadre_id"): "Cadre",
    ("pairings", "enterprise_id"): "Enterprise",
    ("supervisions", "cadre_id"): "Cadre",
    ("supervisions", "region_id"): "Region",
    ("central_households", "region_id"): "Region",
    ("party_members", "org_id"): "PartyOrg",
    ("party_members", "region_id"): "Region",
    ("party_members", "central_household_id"): "CentralHousehold",
    ("households", "region_id"): "Region",
    ("household_links", "member_id"): "PartyMember",
    ("household_links", "household_id"): "Household",
    ("volunteer_teams", "org_id"): "PartyOrg",
    ("team_memberships", "member_id"): "PartyMember",
    ("team_memberships", "team_id"): "VolunteerTeam",
    ("checkpoints", "region_id"): "Region",
    ("medical_workers", "region_id"): "Region",
    ("family_supports", "medical_worker_id"): "MedicalWorker",
    ("allocations", "region_id"): "Region",
    ("talents", "region_id"): "Region",
    ("frontline_records", "cadre_id"): "Cadre",
    ("frontline_records", "region_id"): "Region",
    ("party_applications", "region_id"): "Region",
    ("recognitions", "region_id"): "Region",
    ("duty_deaths", "region_id"): "Region",
    ("care_contacts", "duty_death_id"): "DutyDeath",
    ("care_payments", "duty_death_id"): "DutyDeath",
    ("enterprise_visits", "cadre_id"): "Cadre",
    ("enterprise_visits", "enterprise_id"): "Enterprise",
    ("enterprise_visits", "region_id"): "Region",
    ("checkpoint_shifts", "member_id"): "PartyMember",
    ("checkpoint_shifts", "checkpoint_id"): "Checkpoint",
    ("checkpoint_shifts", "region_id"): "Region",
    ("household_visits", "member_id"): "PartyMember",
    ("household_visits", "household_id"): "Household",
    ("household_visits", "region_id"): "Region",
    ("family_visits", "cadre_id"): "Cadre",
    ("family_visits", "region_id"): "Region",
}
LIST_REFERENCES: dict[tuple[str, str], str] = {("checkpoint_shifts", "on_duty"): "PartyMember"}
"""Fields holding a list of ids, each of which must exist (a shift's roster)."""
SECTION_LABEL = {
    "regions": "Region",
    "party_orgs": "PartyOrg",
    "cadres": "Cadre",
    "enterprises": "Enterprise",
    "central_households": "CentralHousehold",
    "party_members": "PartyMember",
    "households": "Household",
    "volunteer_teams": "VolunteerTeam",
    "checkpoints": "Checkpoint",
    "medical_workers": "MedicalWorker",
    "allocations": "Allocation",
    "talents": "Talent",
    "frontline_records": "FrontlineRecord",
    "recognitions": "Recognition",
    "party_applications": "PartyApplication",
    "duty_deaths": "DutyDeath",
    "care_payments": "CarePayment",
    "enterprise_visits": "EnterpriseVisit",
    "checkpoint_shifts": "CheckpointShift",
    "household_visits": "HouseholdVisit",
    "family_visits": "FamilyVisit",
}
MAX_REPORTED_ERRORS = 200
# An assignment's key (what the loader merges on, and its record id): its two ends and ``since``.
ASSIGNMENT_ENDS: dict[str, tuple[str, str]] = {
    "pairings": ("cadre_id", "enterprise_id"),
    "supervisions": ("cadre_id", "region_id"),
    "household_links": ("member_id", "household_id"),
    "team_memberships": ("member_id", "team_id"),
    "deployments": ("team_id", "target_id"),
    "family_supports": ("supporter_id", "medical_worker_id"),
    "care_contacts": ("supporter_id", "duty_death_id"),
}

# (section, field) -> the relationship type and end label that hold the field in the graph, for the
# fields a re-import may change as a move (the statements end the old relationship); ``None``:
# a plain property of the same name.  Types and labels are inlined from here only.
MOVABLE: dict[tuple[str, str], tuple[str | None, str]] = {
    ("party_orgs", "region_id"): ("LOCATED_IN", "Region"),
    ("party_orgs", "parent_id"): ("SUBORDINATE_TO", "PartyOrg"),
    ("cadres", "region_id"): ("SERVES_IN", "Region"),
    ("enterprises", "region_id"): ("LOCATED_IN", "Region"),
    ("central_households", "region_id"): ("LOCATED_IN", "Region"),
    ("party_members", "org_id"): ("MEMBER_OF", "PartyOrg"),
    ("party_members", "region_id"): ("LIVES_IN", "Region"),
    ("party_members", "central_household_id"): ("IN_CENTRAL_HOUSEHOLD", "CentralHousehold"),
    ("households", "region_id"): ("LOCATED_IN", "Region"),
    ("volunteer_teams", "org_id"): (None, "PartyOrg"),
    ("checkpoints", "region_id"): ("LOCATED_IN", "Region"),
    ("medical_workers", "region_id"): (None, "Region"),
    ("allocations", "region_id"): ("TO", "Region"),
    ("talents", "region_id"): ("LOCATED_IN", "Region"),
    ("frontline_records", "region_id"): ("LOCATED_IN", "Region"),
    ("party_applications", "region_id"): ("LOCATED_IN", "Region"),
    ("recognitions", "region_id"): ("LOCATED_IN", "Region"),
    ("duty_deaths", "region_id"): ("LOCATED_IN", "Region"),
    **{(s, "region_id"): ("LOCATED_IN", "Region") for s in ("enterprise_visits", "checkpoint_shifts", "household_visits", "family_visits")},
}
# Ids per read when comparing a bundle with the database (one parameter list per query).
READ_CHUNK = 10_000

REGION_STATE = """
UNWIND $ids AS id
MATCH (r:Region {id: id})
RETURN r.id AS id, r.level AS level, coalesce(r.path_ids, [r.id]) AS path_ids,
       [(r)-[:PART_OF]->(p:Region) | p.id] AS parents
"""
ROOT_REGIONS = """
MATCH (r:Region) WHERE NOT EXISTS { (r)-[:PART_OF]->(:Region) }
RETURN r.id AS id ORDER BY id LIMIT 3
"""
PARTY_ORG_CHAINS = """
UNWIND $ids AS id
MATCH (:PartyOrg {id: id})-[:SUBORDINATE_TO*0..32]->(o:PartyOrg)
WITH DISTINCT o
RETURN o.id AS id, [(o)-[:SUBORDINATE_TO]->(p:PartyOrg) | p.id] AS parents
"""


@dataclass
class ImportCheck:
    """What :func:`check_bundle` found that the write needs to report: the moves, in bundle order.

    A move is ``{"section", "id", "field", "from", "to"}``; one per relationship ended (an item that
    an older orgnet left in two places gets one move for each).
    """

    moves: list[dict[str, Any]] = field(default_factory=list)


def problem(section: str, index: int | None, field: str, reason: str, record_id: str | None = None) -> dict:
    return {"section": section, "index": index, "id": record_id, "field": field, "reason": reason}


def parse_bundle(data: Any) -> Bundle:
    """Parse raw JSON into a :class:`Bundle`, or raise :class:`InvalidInput` naming every bad field.

    >>> parse_bundle({"format": "orgnet-bundle/1", "regions": [{"id": "1", "name": "x"}]})
    Traceback (most recent call last):
    ...
    orgnet.errors.InvalidInput: The bundle has 1 invalid field(s); nothing was written.
    """
    try:
        return Bundle.model_validate(data)
    except ValidationError as e:
        errors = []
        for err in e.errors()[:MAX_REPORTED_ERRORS]:
            loc = list(err["loc"])
            section = str(loc[0]) if loc else "(bundle)"
            index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
            field = ".".join(str(x) for x in loc[2:]) if index is not None else ".".join(map(str, loc[1:]))
            record_id = None
            if index is not None and isinstance(data, dict):
                try:
                    record_id = data[section][index].get("id")
                except (AttributeError, IndexError, KeyError, TypeError):
                    record_id = None
            reason = err["msg"].removeprefix("Value error, ")  # our validators' own sentences
            errors.append(problem(section, index, field or "(record)", reason, record_id))
        raise InvalidInput(f"The bundle has {e.error_count()} invalid field(s); nothing was written.", errors=errors) from e


def check_bundle(bundle: Bundle, graph: Graph | None, *, allow_new_root: bool = False) -> ImportCheck:
    """Duplicates, dangling references, the region tree's rules and what a re-import may change.

    Raise :class:`InvalidInput` listing every problem; otherwise return the moves the write will
    make.  ``graph=None`` checks the bundle on its own (as if the database were empty).
    """
    errors: list[dict] = []
    ids: dict[str, set[str]] = defaultdict(set)
    for section, label in SECTION_LABEL.items():
        for i, rec in enumerate(getattr(bundle, section)):
            if rec.id in ids[label]:
                errors.append(problem(section, i, "id", f"duplicate id {rec.id!r} in this bundle", rec.id))
            ids[label].add(rec.id)
    errors.extend(_duplicate_assignments(bundle))

    region_levels: dict[str, Level] = {r.id: r.level for r in bundle.regions}
    wanted: dict[str, set[str]] = defaultdict(set)
    refs: list[tuple[str, int, str, str, str, str | None]] = []
    for (section, ref_field), label in REFERENCES.items():
        for i, rec in enumerate(getattr(bundle, section)):
            value = getattr(rec, ref_field)
            if value is None:
                continue
            refs.append((section, i, ref_field, label, value, getattr(rec, "id", None)))
            if value not in ids[label]:
                wanted[label].add(value)
    for (section, ref_field), label in LIST_REFERENCES.items():
        for i, rec in enumerate(getattr(bundle, section)):
            for value in getattr(rec, ref_field):
                refs.append((section, i, ref_field, label, value, rec.id))
                if value not in ids[label]:
                    wanted[label].add(value)
    typed_refs = {"deployments": "target", "family_supports": "supporter", "care_contacts": "supporter", "recognitions": "person", "family_visits": "family"}
    for section, typed in (*typed_refs.items(), ("party_applications", "applicant"), ("duty_deaths", "person")):
        for i, rec in enumerate(getattr(bundle, section)):
            kind = getattr(rec, f"{typed}_type")
            label = {"region": "Region", "checkpoint": "Checkpoint", "party_org": "PartyOrg", "duty_death": "DutyDeath", **PERSON_LABELS}[kind]
            value = getattr(rec, f"{typed}_id")
            refs.append((section, i, f"{typed}_id", label, value, None))
            if value not in ids[label]:
                wanted[label].add(value)

    in_db: dict[str, set[str]] = defaultdict(set)
    if graph is not None:
        for label, values in wanted.items():
            # label from the allow-list above; ids as a parameter
            rows = graph.read(
                f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id AS id, n.level AS level",
                {"ids": sorted(values)},
            )
            for row in rows:
                in_db[label].add(row["id"])
                if label == "Region" and row["level"]:
                    region_levels.setdefault(row["id"], Level(row["level"]))
    for section, i, ref_field, label, value, rec_id in refs:
        if value not in ids[label] and value not in in_db[label]:
            errors.append(problem(section, i, ref_field, f"refers to {label} {value!r}, which is neither in the bundle nor in the database", rec_id))

    errors.extend(_region_tree_problems(bundle, graph, region_levels, allow_new_root=allow_new_root))
    errors.extend(_party_org_cycles(bundle, graph))
    for i, reg in enumerate(bundle.regions):
        if reg.parent_id and reg.parent_id in region_levels:
            parent_level = region_levels[reg.parent_id]
            if parent_level.rank != reg.level.rank - 1:
                errors.append(
                    problem(
                        "regions",
                        i,
                        "parent_id",
                        f"a {reg.level.value}'s parent must be a {LEVELS[reg.level.rank - 1].value}, not a {parent_level.value}",
                        reg.id,
                    )
                )
    for i, cadre in enumerate(bundle.cadres):
        level = region_levels.get(cadre.region_id)
        if level is not None and level != cadre.level:
            errors.append(problem("cadres", i, "region_id", f"a {cadre.level.value} cadre must serve in a {cadre.level.value}, not a {level.value}", cadre.id))
    if errors:
        raise InvalidInput(f"The bundle has {len(errors)} problem(s); nothing was written.", errors=errors[:MAX_REPORTED_ERRORS])
    return ImportCheck(moves=_moves(bundle, graph) if graph is not None else [])


def _duplicate_assignments(bundle: Bundle) -> list[dict]:
    """The same assignment twice (same ends and ``since``: the id imports merge on, so the last
    would silently win): each later row, naming the first."""
    out = []
    for section, (start, end) in ASSIGNMENT_ENDS.items():
        first: dict[str, int] = {}
        for i, rec in enumerate(getattr(bundle, section)):
            key = f"{getattr(rec, start)}~{getattr(rec, end)}~{rec.since.isoformat()}"
            if key in first:
                reason = f"duplicate assignment {key!r}: {section}[{first[key]}] and {section}[{i}] have the same {start}, {end} and since"
                out.append(problem(section, i, "since", reason, key))
            else:
                first[key] = i
    return out


def _read_chunked(graph: Graph, query: str, ids: Iterable[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for chunk in batched(sorted(set(ids)), READ_CHUNK):
        rows.extend(graph.read(query, {"ids": chunk}))
    return rows


def _cycle(start: str, parent_of: dict[str, str | None]) -> list[str] | None:
    """The cycle through ``start`` when following ``parent_of`` from it, or ``None``.

    >>> _cycle("K", {"K": "T", "T": "K", "C": None})
    ['K', 'T', 'K']
    >>> _cycle("V", {"V": "T", "T": "K", "K": "C", "C": None}) is None
    True
    """
    path, seen = [start], {start}
    current = parent_of.get(start)
    while current is not None:
        path.append(current)
        if current == start:
            return path
        if current in seen:  # a cycle further up, reported at its own records
            return None
        seen.add(current)
        current = parent_of.get(current)
    return None


def _region_tree_problems(bundle: Bundle, graph: Graph | None, region_levels: dict[str, Level], *, allow_new_root: bool) -> list[dict]:
    """Levels and parents that never change, no PART_OF cycle, one root unless allowed.

    Fills ``region_levels`` with the database's levels of the regions the bundle names.
    """
    errors: list[dict] = []
    declared = {r.id for r in bundle.regions}
    in_db: dict[str, dict[str, Any]] = {}
    roots_in_db: list[str] = []
    if graph is not None and bundle.regions:
        wanted = declared | {r.parent_id for r in bundle.regions if r.parent_id}
        in_db = {row["id"]: row for row in _read_chunked(graph, REGION_STATE, wanted)}
        roots_in_db = [row["id"] for row in graph.read(ROOT_REGIONS)]
    for rid, row in in_db.items():
        if rid not in declared and row["level"]:
            region_levels.setdefault(rid, Level(row["level"]))

    # the tree as it would be: the database's paths, then the bundle's declarations over them
    parent_of: dict[str, str | None] = {}
    for row in in_db.values():
        path = row["path_ids"]
        for k, rid in enumerate(path):
            parent_of.setdefault(rid, path[k - 1] if k else None)
    parent_of.update({r.id: r.parent_id for r in bundle.regions})

    new_roots: list[str] = []
    for i, reg in enumerate(bundle.regions):
        old = in_db.get(reg.id)
        if old is not None:
            if old["level"] != reg.level.value:
                errors.append(
                    problem(
                        "regions",
                        i,
                        "level",
                        f"region {reg.id!r} is a {old['level']} in the database; a re-import may not make it a "
                        f"{reg.level.value} (a region's level never changes)",
                        reg.id,
                    )
                )
            old_parents = sorted(old["parents"])
            if old_parents != ([reg.parent_id] if reg.parent_id else []):
                was = f"part of {', '.join(map(repr, old_parents))}" if old_parents else "a root (no parent)"
                now = f"move it under {reg.parent_id!r}" if reg.parent_id else "make it a root"
                errors.append(
                    problem(
                        "regions",
                        i,
                        "parent_id",
                        f"region {reg.id!r} is {was} in the database; a re-import may not {now} (a region's parent never changes)",
                        reg.id,
                    )
                )
        elif reg.parent_id is None:
            others = roots_in_db + new_roots
            if others and not allow_new_root:
                errors.append(
                    problem(
                        "regions",
                        i,
                        "parent_id",
                        f"region {reg.id!r} would be a second root region besides {others[0]!r}; "
                        "every region but one needs a parent_id (allow_new_root, CLI --allow-new-root, adds another)",
                        reg.id,
                    )
                )
            new_roots.append(reg.id)
        if (cycle := _cycle(reg.id, parent_of)) is not None:
            errors.append(problem("regions", i, "parent_id", f"would make a PART_OF cycle: {' -> '.join(cycle)}", reg.id))
    return errors


def _party_org_cycles(bundle: Bundle, graph: Graph | None) -> list[dict]:
    """A party organisation may move under another one, but never under its own subordinate."""
    parents = {o.parent_id for o in bundle.party_orgs if o.parent_id}
    if not parents:
        return []
    parent_of: dict[str, str | None] = {}
    if graph is not None:
        for row in _read_chunked(graph, PARTY_ORG_CHAINS, parents):
            parent_of[row["id"]] = row["parents"][0] if row["parents"] else None
    parent_of.update({o.id: o.parent_id for o in bundle.party_orgs})
    return [
        problem("party_orgs", i, "parent_id", f"would make a SUBORDINATE_TO cycle: {' -> '.join(cycle)}", org.id)
        for i, org in enumerate(bundle.party_orgs)
        if (cycle := _cycle(org.id, parent_of)) is not None
    ]


def _current(graph: Graph, section: str, field_name: str, ids: list[str]) -> dict[str, list[str]]:
    """Where the database holds ``field_name`` of these items now (several ids if an older load duplicated it)."""
    label = SECTION_LABEL[section]
    rel, end = MOVABLE[(section, field_name)]
    if rel is None:
        value = f"CASE WHEN n.{field_name} IS NULL THEN [] ELSE [n.{field_name}] END"
    else:
        value = f"[(n)-[:{rel}]->(t:{end}) | t.id]"
    query = f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id AS id, {value} AS current"
    return {row["id"]: sorted(row["current"]) for row in _read_chunked(graph, query, ids)}


def _moves(bundle: Bundle, graph: Graph) -> list[dict[str, Any]]:
    """Every movable field whose value differs from what the database holds for an existing item."""
    moves: list[dict[str, Any]] = []
    for section in Bundle.SECTIONS:
        records = getattr(bundle, section)
        fields = [f for (s, f) in MOVABLE if s == section]
        if not records or not fields:
            continue
        ids = [r.id for r in records]
        for field_name in fields:
            current = _current(graph, section, field_name, ids)
            for rec in records:
                if rec.id not in current:
                    continue  # a new item: nothing moves
                new, old = getattr(rec, field_name), current[rec.id]
                if old == ([new] if new is not None else []):
                    continue
                ended = [o for o in old if o != new] or [None]
                moves.extend({"section": section, "id": rec.id, "field": field_name, "from": o, "to": new} for o in ended)
    return moves
