// name: frontline_recognition
// title: People with long frontline service and no recognition
// description: Members of volunteer teams living under the region and cadres with frontline record entries serving
//   under it whose service has reached the policy's days or entries and who hold no recognition on the
//   day; `details` names the longest stint and the entries. Stable order by id; page with `after` = the
//   last id returned.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param after: string = null -- Return items with an id greater than this (cursor; null: from the start)
// param limit: int[1..10000] = 50 -- Maximum number of items returned
// param frontline_min_days: int[1..3650] = 14 -- Policy: days on a deployed team after which a volunteer is due a recognition
// param min_record_entries: int[1..1000] = 3 -- Policy: frontline record entries after which a cadre is due a recognition
// param recognition_since: string = "2020-01-20" -- Policy: first day a recognition counts from (YYYY-MM-DD)
// param regions: list<string> = null -- Only items located in these regions (null: all); the API passes the regions whose stored coverage summaries show a gap on the day
// returns: id, name, path_ids, path_names, details
// personal: name
:params {region: "320300", as_of: null, after: null, limit: 50, frontline_min_days: 14, min_record_entries: 3, recognition_since: "2020-01-20", regions: null};
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
CALL (r) {
    MATCH (r)<-[:LIVES_IN]-(p:PartyMember WHERE NOT coalesce(p.voided, false))
    WHERE EXISTS { (p)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false)) }
    RETURN p
    UNION
    MATCH (r)<-[:SERVES_IN]-(p:Cadre WHERE NOT coalesce(p.voided, false))
    WHERE EXISTS { (p)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) } AND NOT EXISTS { MATCH (tw:PartyMember {id: p.id})-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false)) WHERE NOT coalesce(tw.voided, false) }
    RETURN p
  }
WITH d, r, p
WHERE $after IS NULL OR p.id > $after
WITH d, r, p, COLLECT { MATCH (who:PartyMember {id: p.id}) WHERE NOT coalesce(who.voided, false) RETURN who } + COLLECT { MATCH (who:Cadre {id: p.id}) WHERE NOT coalesce(who.voided, false) RETURN who } AS ps
WITH d, r, p, ps, reduce(first = null, day IN COLLECT { UNWIND ps AS who
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
WHERE NOT (reach IS NULL OR d < reach OR EXISTS { UNWIND ps AS who MATCH (who)<-[:RECOGNISES]-(rec:Recognition WHERE NOT coalesce(rec.voided, false)) WHERE date($recognition_since) <= rec.date <= d })
WITH d, r, p, ps ORDER BY p.id LIMIT toInteger($limit)
WITH d, r, p, COLLECT { UNWIND ps AS who
            MATCH (who)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false))-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]->(place WHERE NOT coalesce(place.voided, false))
            WITH t, place, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END AS start,
                 reduce(e = d, y IN [o.until, dep.until] | CASE WHEN y IS NOT NULL AND y < e THEN y ELSE e END) AS stop
            WHERE start <= stop
            WITH duration.inDays(start, stop).days + 1 AS days, t.name AS team, place.name AS place
            RETURN {days: days, team: team, place: place} AS s ORDER BY days DESC, team, place LIMIT 1 }[0] AS best, COLLECT { UNWIND ps AS who MATCH (who)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) WHERE fr.date <= d RETURN fr ORDER BY fr.date, fr.id } AS frs
RETURN p.id AS id, p.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {days: best.days, team: best.team, place: best.place, min_days: $frontline_min_days,
        entries: size(frs), first_entry_on: toString(frs[0].date),
        entry_kinds: COLLECT { UNWIND frs AS f RETURN DISTINCT f.kind AS kind ORDER BY kind },
        min_entries: $min_record_entries,
        service: CASE WHEN best IS NOT NULL AND size(frs) > 0 THEN 'both' WHEN size(frs) > 0 THEN 'records' ELSE 'team' END,
        label: CASE WHEN p:Cadre THEN 'Cadre' ELSE 'PartyMember' END} AS details
ORDER BY id
