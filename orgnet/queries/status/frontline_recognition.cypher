// name: frontline_recognition
// title: Is a person with long frontline service recognised?
// description: For each given person (a volunteer's or a cadre's id): whether their service has reached the
//   policy's days or entries and whether they hold a recognition on the day. Ids that are not in the
//   population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param frontline_min_days: int[1..3650] = 14 -- Policy: days on a deployed team after which a volunteer is due a recognition
// param min_record_entries: int[1..1000] = 3 -- Policy: frontline record entries after which a cadre is due a recognition
// param recognition_since: string = "2020-01-20" -- Policy: first day a recognition counts from (YYYY-MM-DD)
// returns: id, name, path_ids, path_names, covered, details
// personal: name
:params {ids: [], as_of: null, frontline_min_days: 14, min_record_entries: 3, recognition_since: "2020-01-20"};
WITH coalesce(date($as_of), date()) AS d
UNWIND $ids AS item_id
CALL (item_id) {
    MATCH (p:PartyMember {id: item_id} WHERE NOT coalesce(p.voided, false))-[:LIVES_IN]->(r:Region)
    WHERE EXISTS { (p)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false)) }
    RETURN p, r
    UNION
    MATCH (p:Cadre {id: item_id} WHERE NOT coalesce(p.voided, false))-[:SERVES_IN]->(r:Region)
    WHERE EXISTS { (p)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) } AND NOT EXISTS { MATCH (tw:PartyMember {id: p.id})-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false)) WHERE NOT coalesce(tw.voided, false) }
    RETURN p, r
  }
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
WITH d, r, p, ps, (reach IS NULL OR d < reach OR EXISTS { UNWIND ps AS who MATCH (who)<-[:RECOGNISES]-(rec:Recognition WHERE NOT coalesce(rec.voided, false)) WHERE date($recognition_since) <= rec.date <= d }) AS ok, COLLECT { UNWIND ps AS who
            MATCH (who)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false))-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]->(place WHERE NOT coalesce(place.voided, false))
            WITH t, place, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END AS start,
                 reduce(e = d, y IN [o.until, dep.until] | CASE WHEN y IS NOT NULL AND y < e THEN y ELSE e END) AS stop
            WHERE start <= stop
            WITH duration.inDays(start, stop).days + 1 AS days, t.name AS team, place.name AS place
            RETURN {days: days, team: team, place: place} AS s ORDER BY days DESC, team, place LIMIT 1 }[0] AS best, COLLECT { UNWIND ps AS who MATCH (who)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) WHERE fr.date <= d RETURN fr ORDER BY fr.date, fr.id } AS frs
RETURN p.id AS id, p.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, ok AS covered, {days: best.days, team: best.team, place: best.place, min_days: $frontline_min_days,
        entries: size(frs), first_entry_on: toString(frs[0].date),
        entry_kinds: COLLECT { UNWIND frs AS f RETURN DISTINCT f.kind AS kind ORDER BY kind },
        min_entries: $min_record_entries,
        service: CASE WHEN best IS NOT NULL AND size(frs) > 0 THEN 'both' WHEN size(frs) > 0 THEN 'records' ELSE 'team' END,
        label: CASE WHEN p:Cadre THEN 'Cadre' ELSE 'PartyMember' END} AS details
ORDER BY id
