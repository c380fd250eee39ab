"""Who may see which property: the one statement of personal data, and structural redaction.

Every property of every node label and relationship type of the model (``orgnet/graph/model.py``)
is classified here as ``public`` (any caller) or ``personal`` (roles with personal-data access:
planners and admins).  The rule is **deny by default**: for a caller without personal-data access
a property is shown only when a label of its node (or its relationship's type) lists it as
``public`` and no label of the node lists it as ``personal``.  A label, type or property missing
from the table is hidden from such callers; a node keeps its labels, a relationship its type and
end points, so the shape of a graph stays visible while what it says about people does not.

:func:`redact` applies the table to any value :func:`orgnet.graph.values.to_native` produced, however
it is nested (lists, maps, nodes, relationships, paths).  Projected scalars (``m.name AS name``)
carry no label: the query library's ``personal`` header covers them, and the library's loader
refuses a query that reads a personal property into a column not declared there
(:func:`orgnet.queries.cypher_text.check_personal_projections`).

>>> from orgnet.graph.values import NodeValue
>>> member = NodeValue(element_id="4:x:1", labels=["PartyMember"], properties={"id": "pm-1", "name": "张三", "rural": True})
>>> redact({"m": [member]}, role="viewer")
{'m': [{'element_id': '4:x:1', 'labels': ['PartyMember'], 'properties': {'id': 'pm-1', 'rural': True}}]}
>>> redact(member, role="planner") is member
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from orgnet.graph.model import NODE_LABELS, PERSONAL_LABELS, RELATIONSHIP_TYPES
from orgnet.graph.values import NodeValue, PathValue, RelationshipValue

Audience = Literal["public", "personal"]

# Roles that may see personal data (orgnet.api.deps.Caller.sees_personal_data says the same;
# a unit test keeps the two in step).  Any other role, or none, gets the public view.
PERSONAL_DATA_ROLES = frozenset({"planner", "admin"})

_REGION_IDS = ("region_id", "county_id", "town_id")


def _public(*names: str) -> dict[str, Audience]:
    return dict.fromkeys(names, "public")


def _personal(*names: str) -> dict[str, Audience]:
    return dict.fromkeys(names, "personal")


# Node label → property → audience.  The level labels (City, County, Town, Village) ride on
# :Region and add nothing; the coverage-summary labels are orgnet's own bookkeeping.
NODE_PROPERTIES: dict[str, dict[str, Audience]] = {
    "Region": _public("id", "name", "level", "kind", "code", "city_id", "county_id", "town_id", "village_id", "path_ids", "path_names"),
    "PartyOrg": _public("id", "name", "kind", *_REGION_IDS),
    # A cadre's name identifies them; the HR flags (young, commended, promoted) and the party
    # application date are facts about that person, so they are personal too.
    "Cadre": {
        **_public("id", "level", *_REGION_IDS),
        **_personal("name", "young", "commended", "promoted", "applied_to_join_party_on"),
    },
    "Enterprise": _public("id", "name", "kind", *_REGION_IDS),
    "CentralHousehold": _public("id", *_REGION_IDS),
    "PartyMember": {**_public("id", "rural", "city_organ", *_REGION_IDS), **_personal("name")},
    "Household": {**_public("id", *_REGION_IDS), **_personal("name")},  # name: the head of household
    "VolunteerTeam": _public("id", "name", "org_id"),
    "Checkpoint": _public("id", "name", "kind", *_REGION_IDS),
    # batch and destination are shown in gap details (which medical team, where it went)
    "MedicalWorker": {**_public("id", "batch", "destination", "region_id"), **_personal("name")},
    "Allocation": _public("id", "fund", "amount", "date", "region_id"),
    # Incentives: the kinds and dates of the records stay public so that counts (the funnel) can
    # be shown to anyone, and the person's id is public as it is on the person's own node (a
    # cadre's or medical worker's id is shown in every gap list); names and texts are personal.
    "Talent": {**_public("id", "kind", *_REGION_IDS), **_personal("name")},
    "EnterpriseVisit": {**_public("id", "date", "cadre_id", "enterprise_id", *_REGION_IDS), **_personal("text", "recorded_by")},
    "CheckpointShift": {**_public("id", "date", "member_id", "checkpoint_id", *_REGION_IDS), **_personal("text", "recorded_by", "on_duty")},
    "HouseholdVisit": {**_public("id", "date", "member_id", "household_id", *_REGION_IDS), **_personal("text", "recorded_by")},
    "FamilyVisit": {**_public("id", "date", "cadre_id", "family_type", "family_id", *_REGION_IDS), **_personal("text", "recorded_by")},
    "FrontlineRecord": {**_public("id", "date", "kind", "cadre_id", *_REGION_IDS), **_personal("text", "recorded_by")},
    "Recognition": {**_public("id", "kind", "level", "date", "person_type", "person_id", *_REGION_IDS), **_personal("awarding_body")},
    "PartyApplication": {
        **_public(
            "id",
            "applicant_type",
            "submitted_on",
            "activist_on",
            "probationary_on",
            "full_member_on",
            "declined_on",
            "at_front",
            "joined_at_front",
            "applicant_id",
            *_REGION_IDS,
        ),
    },
    "DutyDeath": _public("id", "date", "person_type", "person_id", *_REGION_IDS),
    "CarePayment": _public("id", "fund", "amount", "date", "duty_death_id"),
}

# Records that hold no personal property of their own but are named after their person (a gap
# list of applications or duty deaths shows the applicant's or the deceased's name, read through
# this relationship and hidden by the query header's ``personal: name``).  Their stage dates stay
# public on purpose: the funnel and the follow-up metric count them for every caller, and the
# person is known to such callers only by the same id every other gap list shows.
NAMED_THROUGH: dict[str, str] = {"PartyApplication": "APPLIED_BY", "DutyDeath": "DEATH_OF"}

_ASSIGNMENT = _public("since", "until")
RELATIONSHIP_PROPERTIES: dict[str, dict[str, Audience]] = {
    "PART_OF": {},
    "LOCATED_IN": {},
    "SUBORDINATE_TO": {},
    "SERVES_IN": {},
    "PAIRED_WITH": _ASSIGNMENT,
    "SUPERVISES": _ASSIGNMENT,
    "MEMBER_OF": {},
    "LIVES_IN": {},
    "IN_CENTRAL_HOUSEHOLD": {},
    "LINKS": _ASSIGNMENT,
    "ON_TEAM": _ASSIGNMENT,
    "DEPLOYED_TO": {**_ASSIGNMENT, **_public("duties")},
    "SUPPORTS_FAMILY_OF": _ASSIGNMENT,
    "TO": {},
    "RECORD_OF": {},
    "RECOGNISES": {},
    "APPLIED_BY": {},
    "DEATH_OF": {},
    "CARES_FOR": _ASSIGNMENT,
    "PAID_TO": {},
}

# Property names that are personal on some label: what the query loader looks for in projections.
PERSONAL_PROPERTY_NAMES = frozenset(p for props in NODE_PROPERTIES.values() for p, a in props.items() if a == "personal")


def sees_personal_data(role: str | None) -> bool:
    """Whether ``role`` may see personal data (unknown roles may not).

    >>> sees_personal_data("admin"), sees_personal_data("viewer"), sees_personal_data(None)
    (True, False, False)
    """
    return role in PERSONAL_DATA_ROLES


def node_property_is_public(labels: Iterable[str], prop: str) -> bool:
    """Deny by default: some label lists ``prop`` as public and none lists it as personal.

    >>> node_property_is_public(["Region", "Town"], "name"), node_property_is_public(["Household"], "name")
    (True, False)
    >>> node_property_is_public(["CoverageSummary"], "total"), node_property_is_public(["Cadre"], "nickname")
    (False, False)
    """
    audiences = {NODE_PROPERTIES.get(label, {}).get(prop) for label in labels}
    return "public" in audiences and "personal" not in audiences


def relationship_property_is_public(rel_type: str, prop: str) -> bool:
    """``prop`` of a relationship of ``rel_type`` is listed as public.

    >>> relationship_property_is_public("LINKS", "since"), relationship_property_is_public("LINKS", "note")
    (True, False)
    """
    return RELATIONSHIP_PROPERTIES.get(rel_type, {}).get(prop) == "public"


def _public_node(node: NodeValue) -> NodeValue:
    props = {k: redact_public(v) for k, v in node.properties.items() if node_property_is_public(node.labels, k)}
    return NodeValue({**node, "properties": props})


def _public_relationship(rel: RelationshipValue) -> RelationshipValue:
    props = {k: redact_public(v) for k, v in rel.properties.items() if relationship_property_is_public(rel.type, k)}
    return RelationshipValue({**rel, "properties": props})


def redact_public(value: Any) -> Any:
    """``value`` as a caller without personal-data access may see it; never modifies ``value``.

    Nodes and relationships keep only their public properties; paths, lists and maps are
    redacted item by item; scalars pass (a projected scalar's column is the query header's
    business).
    """
    if isinstance(value, NodeValue):
        return _public_node(value)
    if isinstance(value, RelationshipValue):
        return _public_relationship(value)
    if isinstance(value, PathValue):
        return PathValue(nodes=[_public_node(n) for n in value.nodes], relationships=[_public_relationship(r) for r in value.relationships])
    if isinstance(value, list | tuple):
        return [redact_public(v) for v in value]
    if isinstance(value, Mapping):
        return {k: redact_public(v) for k, v in value.items()}
    return value


def redact(value: Any, *, role: str | None) -> Any:
    """``value`` as ``role`` may see it: unchanged for roles with personal-data access."""
    return value if sees_personal_data(role) else redact_public(value)


def unclassified() -> list[str]:
    """Labels and relationship types of the model missing from the table, and personal labels
    with neither a personal property nor a person they are named through (a test keeps this
    empty when model.py grows).

    >>> unclassified()
    []
    """
    missing = sorted(set(NODE_LABELS) - set(NODE_PROPERTIES)) + sorted(set(RELATIONSHIP_TYPES) - set(RELATIONSHIP_PROPERTIES))
    unnamed = [lbl for lbl in PERSONAL_LABELS if "personal" not in NODE_PROPERTIES.get(lbl, {}).values() and NAMED_THROUGH.get(lbl) not in RELATIONSHIP_TYPES]
    return missing + sorted(unnamed)
