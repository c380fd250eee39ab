// name: community_teams
// title: Does a community have an active volunteer team?
// description: For each given community: the teams deployed there on the day with their active members; teams
//   in `unavailable_teams` and members in `unavailable_members` do not count. Ids that are not in
//   the population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param min_team_size: int[1..10000] = 1 -- Policy: members active on a team for it to count
// param unavailable_members: list<string> = [] -- What-if: party members treated as unavailable
// param unavailable_teams: list<string> = [] -- What-if: volunteer teams treated as unavailable
// returns: id, name, path_ids, path_names, covered, details
:params {ids: [], as_of: null, min_team_size: 1, unavailable_members: [], unavailable_teams: []};
WITH coalesce(date($as_of), date()) AS d
UNWIND $ids AS item_id
MATCH (r:Village {id: item_id, kind: 'community'})
WITH d, r, EXISTS {
    MATCH (r)<-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]-(t:VolunteerTeam WHERE NOT coalesce(t.voided, false))
    WHERE dep.since <= d AND (dep.until IS NULL OR d <= dep.until) AND NOT t.id IN $unavailable_teams
      AND COUNT { MATCH (t)<-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]-(m:PartyMember WHERE NOT coalesce(m.voided, false)) WHERE o.since <= d AND (o.until IS NULL OR d <= o.until) AND NOT m.id IN $unavailable_members RETURN DISTINCT m } >= $min_team_size
  } AS ok
WITH r, ok, COLLECT { MATCH (r)<-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]-(t:VolunteerTeam WHERE NOT coalesce(t.voided, false)) WHERE dep.since <= d AND (dep.until IS NULL OR d <= dep.until) AND NOT t.id IN $unavailable_teams
               RETURN DISTINCT {team_id: t.id, active_members: COUNT { MATCH (t)<-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]-(m:PartyMember WHERE NOT coalesce(m.voided, false)) WHERE o.since <= d AND (o.until IS NULL OR d <= o.until) AND NOT m.id IN $unavailable_members RETURN DISTINCT m }} AS team } AS deployed
RETURN r.id AS id, r.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, ok AS covered, {deployed: deployed, min_team_size: $min_team_size} AS details
ORDER BY id
