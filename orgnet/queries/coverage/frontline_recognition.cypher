// name: frontline_recognition
// title: People with long frontline service who are recognised, rolled up
// description: Members of volunteer teams living under the region and cadres with a frontline record entry serving
//   under it who, on the day, either have not yet reached the policy's days or entries or hold a
//   recognition. Returns one `region` row for the region itself, then one `group` row per region at the
//   group level (default: the children), in id order, zeros included.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param group_level: string = null -- Level of the group rows: county, town or village (null: one level below the region)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param frontline_min_days: int[1..3650] = 14 -- Policy: days on a deployed team after which a volunteer is due a recognition
// param min_record_entries: int[1..1000] = 3 -- Policy: frontline record entries after which a cadre is due a recognition
// param recognition_since: string = "2020-01-20" -- Policy: first day a recognition counts from (YYYY-MM-DD)
// returns: scope, id, name, level, covered, total
:params {region: "320300", group_level: null, as_of: null, frontline_min_days: 14, min_record_entries: 3, recognition_since: "2020-01-20"};
MATCH (x:Region {id: $region})
WITH x, coalesce(date($as_of), date()) AS d,
     coalesce($group_level, CASE x.level WHEN 'nation' THEN 'province' WHEN 'province' THEN 'city' WHEN 'city' THEN 'county' WHEN 'county' THEN 'town' WHEN 'town' THEN 'village' END) AS gl
MATCH (r:Region)
WHERE (r.id = $region OR r.nation_id = $region OR r.province_id = $region OR r.city_id = $region OR r.county_id = $region OR r.town_id = $region)
CALL (r, d) {
  CALL (r) {
    MATCH (r)<-[:LIVES_IN]-(p:PartyMember WHERE NOT coalesce(p.voided, false))
    WHERE EXISTS { (p)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false)) }
    RETURN p
    UNION
    MATCH (r)<-[:SERVES_IN]-(p:Cadre WHERE NOT coalesce(p.voided, false))
    WHERE EXISTS { (p)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) } AND NOT EXISTS { MATCH (tw:PartyMember {id: p.id})-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false)) WHERE NOT coalesce(tw.voided, false) }
    RETURN p
  }
  WITH d, p, COLLECT { MATCH (who:PartyMember {id: p.id}) WHERE NOT coalesce(who.voided, false) RETURN who } + COLLECT { MATCH (who:Cadre {id: p.id}) WHERE NOT coalesce(who.voided, false) RETURN who } AS ps
  WITH d, p, ps, reduce(first = null, day IN COLLECT { UNWIND ps AS who
             MATCH (who)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false))-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]->(place WHERE NOT coalesce(place.voided, false))
             WITH o, dep, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END + duration({days: $frontline_min_days - 1}) AS reach
             WHERE (o.until IS NULL OR reach <= o.until) AND (dep.until IS NULL OR reach <= dep.until)
             RETURN reach
             UNION
             UNWIND ps AS who
             WITH COLLECT { MATCH (who)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) RETURN fr.date ORDER BY fr.date }[toInteger($min_record_entries) - 1] AS reach
             WHERE reach IS NOT NULL
             RETURN reach }
           | CASE WHEN first IS NULL OR day < first THEN day ELSE first END) AS reach
  RETURN count(p) AS total, count(CASE WHEN (reach IS NULL OR d < reach OR EXISTS { UNWIND ps AS who MATCH (who)<-[:RECOGNISES]-(rec:Recognition WHERE NOT coalesce(rec.voided, false)) WHERE date($recognition_since) <= rec.date <= d }) THEN 1 END) AS covered
}
// group rows: each region at the group level, found as the ancestor id its descendants store
WITH x, r, total, covered, CASE gl WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END AS gid
WITH x, gid, sum(total) AS total, sum(covered) AS covered, head(collect(CASE WHEN r.id = gid THEN r END)) AS g
ORDER BY gid
WITH x, sum(total) AS all_total, sum(covered) AS all_covered,
     collect(CASE WHEN g IS NOT NULL THEN {scope: 'group', id: g.id, name: g.name, level: g.level, covered: covered, total: total} END) AS groups
UNWIND [{scope: 'region', id: x.id, name: x.name, level: x.level, covered: all_covered, total: all_total}] + groups AS row
RETURN row.scope AS scope, row.id AS id, row.name AS name, row.level AS level, row.covered AS covered, row.total AS total
