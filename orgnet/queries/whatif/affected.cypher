// name: affected
// title: Items whose coverage may change when people or teams become unavailable
// description: Candidates for the what-if analysis, one part per metric that has what-if parameters (its
//   `whatif_affected`): the items that the given cadres, members or teams (or teams the given members are
//   active on) are assigned to on the day. Only these items can lose coverage; their status is then
//   computed with and without the unavailable ones.
// param cadres: list<string> = [] -- Cadres that become unavailable
// param members: list<string> = [] -- Party members that become unavailable
// param teams: list<string> = [] -- Volunteer teams that become unavailable
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// returns: metric, id
:params {cadres: [], members: [], teams: [], as_of: null};
WITH coalesce(date($as_of), date()) AS d
CALL (d) {
  UNWIND $cadres AS cadre_id
  MATCH (:Cadre {id: cadre_id})-[p:PAIRED_WITH]->(item:Enterprise)
  WHERE p.since <= d AND (p.until IS NULL OR d <= p.until)
  RETURN 'enterprise_pairing' AS metric, item.id AS id
  UNION
  UNWIND $members AS member_id
  MATCH (:PartyMember {id: member_id})-[l:LINKS]->(item:Household)
  WHERE l.since <= d AND (l.until IS NULL OR d <= l.until)
  RETURN 'household_linkage' AS metric, item.id AS id
  UNION
  UNWIND $members AS member_id
  MATCH (:PartyMember {id: member_id})-[:IN_CENTRAL_HOUSEHOLD]->(item:CentralHousehold)
  RETURN 'central_household_size' AS metric, item.id AS id
  UNION
  CALL (d) {
    UNWIND $teams AS team_id
    MATCH (t:VolunteerTeam {id: team_id})
    RETURN t
    UNION
    UNWIND $members AS member_id
    MATCH (:PartyMember {id: member_id})-[o:ON_TEAM]->(t:VolunteerTeam)
    WHERE o.since <= d AND (o.until IS NULL OR d <= o.until)
    RETURN t
  }
  MATCH (t)-[dep:DEPLOYED_TO]->(item:Village WHERE item.kind = 'community')
  WHERE dep.since <= d AND (dep.until IS NULL OR d <= dep.until)
  RETURN 'community_teams' AS metric, item.id AS id
  UNION
  CALL (d) {
    UNWIND $teams AS team_id
    MATCH (t:VolunteerTeam {id: team_id})
    RETURN t
    UNION
    UNWIND $members AS member_id
    MATCH (:PartyMember {id: member_id})-[o:ON_TEAM]->(t:VolunteerTeam)
    WHERE o.since <= d AND (o.until IS NULL OR d <= o.until)
    RETURN t
  }
  MATCH (t)-[dep:DEPLOYED_TO]->(item:Checkpoint)
  WHERE dep.since <= d AND (dep.until IS NULL OR d <= dep.until)
  RETURN 'checkpoint_staffing' AS metric, item.id AS id
  UNION
  UNWIND $cadres AS cadre_id
  MATCH (:Cadre {id: cadre_id})-[s:SUPPORTS_FAMILY_OF]->(item:MedicalWorker)
  WHERE s.since <= d AND (s.until IS NULL OR d <= s.until)
  RETURN 'medical_family_support' AS metric, item.id AS id
  UNION
  UNWIND $cadres AS cadre_id
  MATCH (:Cadre {id: cadre_id})-[c:CARES_FOR]->(item:DutyDeath)
  WHERE c.since <= d AND (c.until IS NULL OR d <= c.until)
  RETURN 'duty_death_family_care' AS metric, item.id AS id
}
RETURN metric, id
ORDER BY metric, id
