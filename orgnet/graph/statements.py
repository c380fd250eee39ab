"""The write statements of the loader: one ``UNWIND $rows ... MERGE`` per bundle section.

Every MERGE is on an ``id`` backed by a uniqueness constraint, or on a relationship
between two nodes found by id.  Labels are inlined only from the model's allow-list.
"""

from __future__ import annotations

from orgnet.graph.model import LEVELS, Level

_ANCESTORS = """
SET r.city_id = CASE WHEN r.level = 'city' THEN r.id ELSE p.city_id END,
    r.county_id = CASE WHEN r.level = 'county' THEN r.id WHEN $rank > 1 THEN p.county_id END,
    r.town_id = CASE WHEN r.level = 'town' THEN r.id WHEN $rank > 2 THEN p.town_id END,
    r.village_id = CASE WHEN r.level = 'village' THEN r.id END,
    r.path_ids = coalesce(p.path_ids, []) + r.id,
    r.path_names = coalesce(p.path_names, []) + r.name
"""


def region_statement(level: Level) -> str:
    """Regions of one level; parents (one level up) must already be loaded."""
    return f"""
UNWIND $rows AS row
MERGE (r:Region {{id: row.id}})
SET r:{level.label}, r.name = row.name, r.level = row.level, r.kind = row.kind, r.code = row.code
WITH r, row
OPTIONAL MATCH (p:Region {{id: row.parent_id}})
CALL (r, p) {{
  WITH r, p WHERE p IS NOT NULL
  MERGE (r)-[:PART_OF]->(p)
}}
{_ANCESTORS}
"""


REGION_STATEMENTS = {lvl: region_statement(lvl) for lvl in LEVELS}

# Properties copied from the item's region so that gap pages filter by index, not traversal.
_LOCATE = """
WITH n, row
MATCH (reg:Region {id: row.region_id})
MERGE (n)-[:%s]->(reg)
SET n.region_id = reg.id, n.county_id = reg.county_id, n.town_id = reg.town_id
"""

SECTION_STATEMENTS: dict[str, str] = {
    "party_orgs": """
UNWIND $rows AS row
MERGE (n:PartyOrg {id: row.id})
SET n.name = row.name, n.kind = row.kind
"""
    + _LOCATE % "LOCATED_IN"
    + """
WITH n, row WHERE row.parent_id IS NOT NULL
MATCH (parent:PartyOrg {id: row.parent_id})
MERGE (n)-[:SUBORDINATE_TO]->(parent)
""",
    "cadres": """
UNWIND $rows AS row
MERGE (n:Cadre {id: row.id})
SET n.name = row.name, n.level = row.level, n.young = row.young, n.commended = row.commended,
    n.promoted = row.promoted, n.applied_to_join_party_on = row.applied_to_join_party_on
"""
    + _LOCATE % "SERVES_IN",
    "enterprises": """
UNWIND $rows AS row
MERGE (n:Enterprise {id: row.id})
SET n.name = row.name, n.kind = row.kind
"""
    + _LOCATE % "LOCATED_IN",
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
    + _LOCATE % "LOCATED_IN",
    "party_members": """
UNWIND $rows AS row
MERGE (n:PartyMember {id: row.id})
SET n.name = row.name, n.rural = row.rural, n.city_organ = row.city_organ
WITH n, row
MATCH (o:PartyOrg {id: row.org_id})
MERGE (n)-[:MEMBER_OF]->(o)
"""
    + _LOCATE % "LIVES_IN"
    + """
WITH n, row WHERE row.central_household_id IS NOT NULL
MATCH (ch:CentralHousehold {id: row.central_household_id})
MERGE (n)-[:IN_CENTRAL_HOUSEHOLD]->(ch)
""",
    "households": """
UNWIND $rows AS row
MERGE (n:Household {id: row.id})
SET n.name = row.name
"""
    + _LOCATE % "LOCATED_IN",
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
    + _LOCATE % "LOCATED_IN",
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
    "family_supports": """
UNWIND $rows AS row
MATCH (w:MedicalWorker {id: row.medical_worker_id})
OPTIONAL MATCH (o:PartyOrg {id: row.supporter_id}) WHERE row.supporter_type = 'party_org'
OPTIONAL MATCH (c:Cadre {id: row.supporter_id}) WHERE row.supporter_type = 'cadre'
WITH w, row, coalesce(o, c) AS s WHERE s IS NOT NULL
MERGE (s)-[f:SUPPORTS_FAMILY_OF {since: row.since}]->(w)
SET f.until = row.until
""",
    "allocations": """
UNWIND $rows AS row
MERGE (n:Allocation {id: row.id})
SET n.fund = row.fund, n.amount = row.amount, n.date = row.date
WITH n, row
MATCH (r:Region {id: row.region_id})
MERGE (n)-[:TO]->(r)
SET n.region_id = r.id
""",
}


MARK_SUMMARIES_STALE = """
MATCH (st:CoverageSummaryState)
WHERE $metrics IS NULL OR st.id IN $metrics
SET st.stale = true, st.generation = coalesce(st.generation, 0) + 1
"""
"""Run before every write: readers stop using the stored coverage summaries of these metrics
(``null``: all) until ``orgnet.coverage.summaries.refresh`` recomputes them."""
