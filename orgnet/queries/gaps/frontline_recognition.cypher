// name: frontline_recognition
// title: Volunteers with long frontline service and no recognition
// description: Members of volunteer teams living under the region whose service on a deployed team has reached
//   the policy's days and who hold no recognition on the day; `details` names the longest stint. Stable
//   order by id; page with `after` = the last id returned.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param after: string = null -- Return items with an id greater than this (cursor; null: from the start)
// param limit: int[1..10000] = 50 -- Maximum number of items returned
// param frontline_min_days: int[1..3650] = 14 -- Policy: days on a deployed team after which a volunteer is due a recognition
// param recognition_since: string = "2020-01-20" -- Policy: first day a recognition counts from (YYYY-MM-DD)
// param regions: list<string> = null -- Only items located in these regions (null: all); the API passes the regions whose stored coverage summaries show a gap on the day
// returns: id, name, path_ids, path_names, details
// personal: name
:params {region: "320300", as_of: null, after: null, limit: 50, frontline_min_days: 14, recognition_since: "2020-01-20", regions: null};
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
MATCH (r)<-[:LIVES_IN]-(m:PartyMember WHERE NOT coalesce(m.voided, false))
WHERE ($after IS NULL OR m.id > $after) AND EXISTS { (m)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false)) } AND NOT (COLLECT { MATCH (m)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false))-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]->(place WHERE NOT coalesce(place.voided, false))
           WITH o, dep, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END + duration({days: $frontline_min_days - 1}) AS reach
           WHERE (o.until IS NULL OR reach <= o.until) AND (dep.until IS NULL OR reach <= dep.until)
           RETURN reach ORDER BY reach LIMIT 1 }[0] IS NULL OR d < COLLECT { MATCH (m)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false))-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]->(place WHERE NOT coalesce(place.voided, false))
           WITH o, dep, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END + duration({days: $frontline_min_days - 1}) AS reach
           WHERE (o.until IS NULL OR reach <= o.until) AND (dep.until IS NULL OR reach <= dep.until)
           RETURN reach ORDER BY reach LIMIT 1 }[0] OR EXISTS { (rec:Recognition WHERE NOT coalesce(rec.voided, false))-[:RECOGNISES]->(m) WHERE date($recognition_since) <= rec.date <= d })
WITH d, r, m ORDER BY m.id LIMIT toInteger($limit)
WITH r, m, COLLECT { MATCH (m)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false))-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]->(place WHERE NOT coalesce(place.voided, false))
            WITH t, place, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END AS start,
                 reduce(e = d, x IN [o.until, dep.until] | CASE WHEN x IS NOT NULL AND x < e THEN x ELSE e END) AS stop
            WHERE start <= stop
            WITH duration.inDays(start, stop).days + 1 AS days, t.name AS team, place.name AS place
            RETURN {days: days, team: team, place: place} AS s ORDER BY days DESC, team, place LIMIT 1 }[0] AS best
RETURN m.id AS id, m.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {days: best.days, team: best.team, place: best.place, min_days: $frontline_min_days} AS details
ORDER BY id
