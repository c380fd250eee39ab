// name: checkpoint_staffing
// title: Unstaffed checkpoints
// description: Checkpoints under the region with no volunteer team deployed on the day that reaches the minimum
//   team size. Stable order by id; page with `after` = the last id returned.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param after: string = null -- Return items with an id greater than this (cursor; null: from the start)
// param limit: int[1..10000] = 50 -- Maximum number of items returned
// param min_team_size: int[1..10000] = 1 -- Policy: members active on a team for it to count
// param regions: list<string> = null -- Only items located in these regions (null: all); the API passes the regions whose stored coverage summaries show a gap on the day
// returns: id, name, path_ids, path_names, details
:params {region: "320300", as_of: null, after: null, limit: 50, min_team_size: 1, regions: null};
WITH coalesce(date($as_of), date()) AS d
CALL () {
  // the regions searched: those the summaries name (index seeks), else every region under $region
  UNWIND coalesce($regions, []) AS rid
  MATCH (r:Region {id: rid})
  WHERE r.id = $region OR r.nation_id = $region OR r.province_id = $region OR r.city_id = $region OR r.county_id = $region OR r.town_id = $region
  RETURN r
  UNION
  UNWIND CASE WHEN $regions IS NULL THEN [$region] ELSE [] END AS root
  MATCH (r:Region)
  WHERE r.id = root OR r.nation_id = root OR r.province_id = root OR r.city_id = root OR r.county_id = root OR r.town_id = root
  RETURN r
}
MATCH (r)<-[:LOCATED_IN]-(cp:Checkpoint WHERE NOT coalesce(cp.voided, false))
WHERE ($after IS NULL OR cp.id > $after)
  AND NOT EXISTS {
    MATCH (cp)<-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]-(t:VolunteerTeam WHERE NOT coalesce(t.voided, false))
    WHERE dep.since <= d AND (dep.until IS NULL OR d <= dep.until)
      AND COUNT { MATCH (t)<-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]-(m:PartyMember WHERE NOT coalesce(m.voided, false)) WHERE o.since <= d AND (o.until IS NULL OR d <= o.until) RETURN DISTINCT m } >= $min_team_size
  }
WITH d, r, cp ORDER BY cp.id LIMIT toInteger($limit)
WITH r, cp, COLLECT { MATCH (cp)<-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]-(t:VolunteerTeam WHERE NOT coalesce(t.voided, false)) WHERE dep.since <= d AND (dep.until IS NULL OR d <= dep.until)
               RETURN DISTINCT {team_id: t.id, active_members: COUNT { MATCH (t)<-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]-(m:PartyMember WHERE NOT coalesce(m.voided, false)) WHERE o.since <= d AND (o.until IS NULL OR d <= o.until) RETURN DISTINCT m }} AS team } AS deployed
RETURN cp.id AS id, cp.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {kind: cp.kind, deployed: deployed, min_team_size: $min_team_size} AS details
ORDER BY id
