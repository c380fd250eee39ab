"""The write statements of the loader: one ``UNWIND $rows ... MERGE`` per bundle section.

Every MERGE is on an ``id`` backed by a uniqueness constraint, or on a relationship
between two nodes found by id.  Labels are inlined only from the model's allow-list.

The statements keep the graph's shape whatever they are given (the validation in
:mod:`orgnet.graph.validate` explains a refusal; these make a corrupt graph impossible even when
a concurrent import slipped between that read and this write): a region's level and parent are
written when it is created and never changed afterwards, and an item's "belongs to"
relationship (``LOCATED_IN``, ``SERVES_IN``, ``LIVES_IN``, ``MEMBER_OF``, ``SUBORDINATE_TO``,
``IN_CENTRAL_HOUSEHOLD``, ``TO``) is *replaced* when a re-import moves it, never added a second time.
"""

from __future__ import annotations

from orgnet.graph.model import LEVELS, Level

# From the region's stored level and its actual parent (levels nest, so the parent's ids are the
# region's ancestors' ids).
_ANCESTORS = """
SET r.nation_id = CASE WHEN r.level = 'nation' THEN r.id ELSE p.nation_id END,
    r.province_id = CASE WHEN r.level = 'province' THEN r.id ELSE p.province_id END,
    r.city_id = CASE WHEN r.level = 'city' THEN r.id ELSE p.city_id END,
    r.county_id = CASE WHEN r.level = 'county' THEN r.id ELSE p.county_id END,
    r.town_id = CASE WHEN r.level = 'town' THEN r.id ELSE p.town_id END,
    r.village_id = CASE WHEN r.level = 'village' THEN r.id END,
    r.path_ids = coalesce(p.path_ids, []) + r.id,
    r.path_names = coalesce(p.path_names, []) + r.name
"""


def region_statement(level: Level) -> str:
    """Regions of one level; parents (one level up) must already be loaded.

    The level (label and property) and the ``PART_OF`` are set when the region is created only;
    a renamed region passes its new name on to its descendants' ``path_names``.
    """
    return f"""
UNWIND $rows AS row
MERGE (r:Region {{id: row.id}})
ON CREATE SET r:{level.label}, r.level = row.level
WITH r, row, r.name IS NOT NULL AND r.name <> row.name AS renamed
SET r.name = row.name, r.kind = row.kind, r.code = row.code
WITH r, row, renamed
OPTIONAL MATCH (declared:Region {{id: row.parent_id}})
CALL (r, declared) {{
  WITH r, declared WHERE declared IS NOT NULL AND NOT EXISTS {{ (r)-[:PART_OF]->(:Region) }}
  MERGE (r)-[:PART_OF]->(declared)
}}
WITH r, renamed
OPTIONAL MATCH (r)-[:PART_OF]->(p:Region)
{_ANCESTORS}
WITH r WHERE renamed
CALL (r) {{
  MATCH (d:Region)-[:PART_OF*1..5]->(r)
  SET d.path_names = [i IN range(0, size(d.path_ids) - 1) |
                      CASE d.path_ids[i] WHEN r.id THEN r.name ELSE d.path_names[i] END]
}}
"""


REGION_STATEMENTS = {lvl: region_statement(lvl) for lvl in LEVELS}


def _belongs_to(rel: str, end: str, target: str) -> str:
    """``(n)-[:rel]->(target)`` as the only ``rel`` of ``n`` (a re-import moves, never duplicates).

    ``target`` may be null (an optional parent left out): then ``n`` keeps no ``rel`` at all.
    """
    return f"""
CALL (n, {target}) {{
  MATCH (n)-[old:{rel}]->(other:{end}) WHERE {target} IS NULL OR other <> {target}
  DELETE old
}}
CALL (n, {target}) {{
  WITH n, {target} WHERE {target} IS NOT NULL
  MERGE (n)-[:{rel}]->({target})
}}
"""


# Properties copied from the item's region so that gap pages filter by index, not traversal.
_LOCATE = """
WITH n, row
MATCH (reg:Region {id: row.region_id})
%s
SET n.region_id = reg.id, n.county_id = reg.county_id, n.town_id = reg.town_id
"""


def _locate(rel: str) -> str:
    return _LOCATE % _belongs_to(rel, "Region", "reg")


def _supported(rel: str, end_label: str, end_field: str) -> str:
    """An assignment from a supporter (a party organisation or a cadre, as the row's
    ``supporter_type`` says) to the ``end_label`` node the row's ``end_field`` names."""
    return f"""
UNWIND $rows AS row
MATCH (w:{end_label} {{id: row.{end_field}}})
OPTIONAL MATCH (o:PartyOrg {{id: row.supporter_id}}) WHERE row.supporter_type = 'party_org'
OPTIONAL MATCH (c:Cadre {{id: row.supporter_id}}) WHERE row.supporter_type = 'cadre'
WITH w, row, coalesce(o, c) AS s WHERE s IS NOT NULL
MERGE (s)-[f:{rel} {{since: row.since}}]->(w)
SET f.until = row.until
"""


SECTION_STATEMENTS: dict[str, str] = {
    "party_orgs": """
UNWIND $rows AS row
MERGE (n:PartyOrg {id: row.id})
SET n.name = row.name, n.kind = row.kind
"""
    + _locate("LOCATED_IN")
    + """
WITH n, row
OPTIONAL MATCH (parent:PartyOrg {id: row.parent_id})
"""
    + _belongs_to("SUBORDINATE_TO", "PartyOrg", "parent"),
    "cadres": """
UNWIND $rows AS row
MERGE (n:Cadre {id: row.id})
SET n.name = row.name, n.level = row.level, n.young = row.young, n.commended = row.commended,
    n.promoted = row.promoted, n.applied_to_join_party_on = row.applied_to_join_party_on
"""
    + _locate("SERVES_IN"),
    "enterprises": """
UNWIND $rows AS row
MERGE (n:Enterprise {id: row.id})
SET n.name = row.name, n.kind = row.kind
"""
    + _locate("LOCATED_IN"),
    "pairings": """
UNWIND $rows AS row
MATCH (c:Cadre {id: row.cadre_id})
MATCH (e:Enterprise {id: row.enterprise_id})
MERGE (c)-[p:PAIRED_WITH {since: row.since}]->(e)
SET p.until = row.until
""",
    "supervisions": """
UNWIND $rows AS row
MATCH (c:Cadre {id: row.cadre_id})
MATCH (r:Region {id: row.region_id})
MERGE (c)-[s:SUPERVISES {since: row.since}]->(r)
SET s.until = row.until
""",
    "central_households": """
UNWIND $rows AS row
MERGE (n:CentralHousehold {id: row.id})
"""
    + _locate("LOCATED_IN"),
    "party_members": """
UNWIND $rows AS row
MERGE (n:PartyMember {id: row.id})
SET n.name = row.name, n.rural = row.rural, n.city_organ = row.city_organ
WITH n, row
MATCH (o:PartyOrg {id: row.org_id})
"""
    + _belongs_to("MEMBER_OF", "PartyOrg", "o")
    + _locate("LIVES_IN")
    + """
WITH n, row
OPTIONAL MATCH (ch:CentralHousehold {id: row.central_household_id})
"""
    + _belongs_to("IN_CENTRAL_HOUSEHOLD", "CentralHousehold", "ch"),
    "households": """
UNWIND $rows AS row
MERGE (n:Household {id: row.id})
SET n.name = row.name
"""
    + _locate("LOCATED_IN"),
    "household_links": """
UNWIND $rows AS row
MATCH (m:PartyMember {id: row.member_id})
MATCH (h:Household {id: row.household_id})
MERGE (m)-[l:LINKS {since: row.since}]->(h)
SET l.until = row.until
""",
    "volunteer_teams": """
UNWIND $rows AS row
MERGE (n:VolunteerTeam {id: row.id})
SET n.name = row.name, n.org_id = row.org_id
""",
    "team_memberships": """
UNWIND $rows AS row
MATCH (m:PartyMember {id: row.member_id})
MATCH (t:VolunteerTeam {id: row.team_id})
MERGE (m)-[o:ON_TEAM {since: row.since}]->(t)
SET o.until = row.until
""",
    "checkpoints": """
UNWIND $rows AS row
MERGE (n:Checkpoint {id: row.id})
SET n.name = row.name, n.kind = row.kind
"""
    + _locate("LOCATED_IN"),
    "deployments": """
UNWIND $rows AS row
MATCH (t:VolunteerTeam {id: row.team_id})
OPTIONAL MATCH (reg:Region {id: row.target_id}) WHERE row.target_type = 'region'
OPTIONAL MATCH (cp:Checkpoint {id: row.target_id}) WHERE row.target_type = 'checkpoint'
WITH t, row, coalesce(reg, cp) AS target WHERE target IS NOT NULL
MERGE (t)-[d:DEPLOYED_TO {since: row.since}]->(target)
SET d.until = row.until, d.duties = row.duties
""",
    "medical_workers": """
UNWIND $rows AS row
MERGE (n:MedicalWorker {id: row.id})
SET n.name = row.name, n.batch = row.batch, n.destination = row.destination, n.region_id = row.region_id
""",
    "family_supports": _supported("SUPPORTS_FAMILY_OF", "MedicalWorker", "medical_worker_id"),
    "allocations": """
UNWIND $rows AS row
MERGE (n:Allocation {id: row.id})
SET n.fund = row.fund, n.amount = row.amount, n.date = row.date
WITH n, row
MATCH (r:Region {id: row.region_id})
"""
    + _belongs_to("TO", "Region", "r")
    + """
SET n.region_id = r.id
""",
}


# A person named by (type, id) in an incentive record: one of the person labels (model.PERSON_LABELS).
_PERSON = """
WITH n, row
OPTIONAL MATCH (pc:Cadre {id: row.%(f)s_id}) WHERE row.%(f)s_type = 'cadre'
OPTIONAL MATCH (pm:PartyMember {id: row.%(f)s_id}) WHERE row.%(f)s_type = 'party_member'
OPTIONAL MATCH (pw:MedicalWorker {id: row.%(f)s_id}) WHERE row.%(f)s_type = 'medical_worker'
OPTIONAL MATCH (pt:Talent {id: row.%(f)s_id}) WHERE row.%(f)s_type = 'talent'
WITH n, row, coalesce(pc, pm, pw, pt) AS person
"""
_PERSON_END = "Cadre|PartyMember|MedicalWorker|Talent"


def _person(field: str, rel: str) -> str:
    """``(n)-[rel]->(person)`` for the person the row's ``<field>_type``/``<field>_id`` name."""
    return _PERSON % {"f": field} + _belongs_to(rel, _PERSON_END, "person")


SECTION_STATEMENTS.update(
    {
        "talents": """
UNWIND $rows AS row
MERGE (n:Talent {id: row.id})
SET n.name = row.name, n.kind = row.kind
"""
        + _locate("LOCATED_IN"),
        "frontline_records": """
UNWIND $rows AS row
MERGE (n:FrontlineRecord {id: row.id})
SET n.date = row.date, n.kind = row.kind, n.text = row.text, n.recorded_by = row.recorded_by, n.cadre_id = row.cadre_id
WITH n, row
MATCH (c:Cadre {id: row.cadre_id})
"""
        + _belongs_to("RECORD_OF", "Cadre", "c")
        + _locate("LOCATED_IN"),
        "recognitions": """
UNWIND $rows AS row
MERGE (n:Recognition {id: row.id})
SET n.kind = row.kind, n.level = row.level, n.date = row.date, n.awarding_body = row.awarding_body,
    n.person_type = row.person_type, n.person_id = row.person_id
"""
        + _person("person", "RECOGNISES")
        + _locate("LOCATED_IN"),
        "party_applications": """
UNWIND $rows AS row
MERGE (n:PartyApplication {id: row.id})
SET n.applicant_type = row.applicant_type, n.applicant_id = row.applicant_id, n.submitted_on = row.submitted_on,
    n.activist_on = row.activist_on, n.probationary_on = row.probationary_on, n.full_member_on = row.full_member_on,
    n.declined_on = row.declined_on, n.at_front = row.at_front, n.joined_at_front = row.joined_at_front
"""
        + _person("applicant", "APPLIED_BY")
        + _locate("LOCATED_IN"),
        "duty_deaths": """
UNWIND $rows AS row
MERGE (n:DutyDeath {id: row.id})
SET n.date = row.date, n.person_type = row.person_type, n.person_id = row.person_id
"""
        + _person("person", "DEATH_OF")
        + _locate("LOCATED_IN"),
        "care_contacts": _supported("CARES_FOR", "DutyDeath", "duty_death_id"),
        "care_payments": """
UNWIND $rows AS row
MERGE (n:CarePayment {id: row.id})
SET n.fund = row.fund, n.amount = row.amount, n.date = row.date
WITH n, row
MATCH (dd:DutyDeath {id: row.duty_death_id})
"""
        + _belongs_to("PAID_TO", "DutyDeath", "dd")
        + """
SET n.duty_death_id = dd.id
""",
    }
)

# Work at the front (issue 26): the ids it names are properties (the reference checks and the
# scope check read them); each is located in the region where it happened.
_FIELD_WORK = {
    "enterprise_visits": ("EnterpriseVisit", ("cadre_id", "enterprise_id")),
    "checkpoint_shifts": ("CheckpointShift", ("member_id", "checkpoint_id", "on_duty")),
    "household_visits": ("HouseholdVisit", ("member_id", "household_id")),
    "family_visits": ("FamilyVisit", ("cadre_id", "family_type", "family_id")),
}
for _section, (_label, _fields) in _FIELD_WORK.items():
    SECTION_STATEMENTS[_section] = (
        f"""
UNWIND $rows AS row
MERGE (n:{_label} {{id: row.id}})
SET n.date = row.date, n.text = row.text, n.recorded_by = row.recorded_by, """
        + ", ".join(f"n.{f} = row.{f}" for f in _fields)
        + "\n"
        + _locate("LOCATED_IN")
    )
