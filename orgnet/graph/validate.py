"""Bundle validation: every problem named by section, record, field and reason.

Validation reads the database (for references to ids loaded earlier) but never writes:
a bundle with any error is refused whole.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pydantic import ValidationError

from orgnet.errors import InvalidInput
from orgnet.graph.db import Graph
from orgnet.graph.model import LEVELS, Bundle, Level

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
}
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
}
MAX_REPORTED_ERRORS = 200


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
            errors.append(problem(section, index, field or "(record)", err["msg"], record_id))
        raise InvalidInput(
            f"The bundle has {e.error_count()} invalid field(s); nothing was written.", errors=errors
        ) from e


def check_bundle(bundle: Bundle, graph: Graph | None) -> None:
    """Duplicates, dangling references and level rules; raise :class:`InvalidInput` listing all."""
    errors: list[dict] = []
    ids: dict[str, set[str]] = defaultdict(set)
    for section, label in SECTION_LABEL.items():
        for i, rec in enumerate(getattr(bundle, section)):
            if rec.id in ids[label]:
                errors.append(problem(section, i, "id", f"duplicate id {rec.id!r} in this bundle", rec.id))
            ids[label].add(rec.id)

    region_levels: dict[str, Level] = {r.id: r.level for r in bundle.regions}
    wanted: dict[str, set[str]] = defaultdict(set)
    refs: list[tuple[str, int, str, str, str, str | None]] = []
    for (section, field), label in REFERENCES.items():
        for i, rec in enumerate(getattr(bundle, section)):
            value = getattr(rec, field)
            if value is None:
                continue
            refs.append((section, i, field, label, value, getattr(rec, "id", None)))
            if value not in ids[label]:
                wanted[label].add(value)
    for section, typed in (("deployments", "target"), ("family_supports", "supporter")):
        for i, rec in enumerate(getattr(bundle, section)):
            kind = getattr(rec, f"{typed}_type")
            label = {"region": "Region", "checkpoint": "Checkpoint", "party_org": "PartyOrg", "cadre": "Cadre"}[kind]
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
    for section, i, field, label, value, rec_id in refs:
        if value not in ids[label] and value not in in_db[label]:
            errors.append(
                problem(section, i, field, f"refers to {label} {value!r}, which is neither in the bundle nor in the database", rec_id)
            )

    for i, reg in enumerate(bundle.regions):
        if reg.parent_id and reg.parent_id in region_levels:
            parent_level = region_levels[reg.parent_id]
            if parent_level.rank != reg.level.rank - 1:
                errors.append(
                    problem("regions", i, "parent_id", f"a {reg.level.value}'s parent must be a {LEVELS[reg.level.rank - 1].value}, not a {parent_level.value}", reg.id)
                )
    for i, cadre in enumerate(bundle.cadres):
        level = region_levels.get(cadre.region_id)
        if level is not None and level != cadre.level:
            errors.append(
                problem("cadres", i, "region_id", f"a {cadre.level.value} cadre must serve in a {cadre.level.value}, not a {level.value}", cadre.id)
            )
    if errors:
        raise InvalidInput(
            f"The bundle has {len(errors)} problem(s); nothing was written.", errors=errors[:MAX_REPORTED_ERRORS]
        )
