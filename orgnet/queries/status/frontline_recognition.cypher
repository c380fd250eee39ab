// name: frontline_recognition
// title: Is a volunteer with long frontline service recognised?
// description: For each given volunteer: whether their service has reached the policy's days and whether they
//   hold a recognition on the day. Ids that are not in the population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param frontline_min_days: int[1..3650] = 14 -- Policy: days on a deployed team after which a volunteer is due a recognition
// param recognition_since: string = "2020-01-20" -- Policy: first day a recognition counts from (YYYY-MM-DD)
// returns: id, name, path_ids, path_names, covered, details
// personal: name
:params {ids: [], as_of: null, frontline_min_days: 14, recognition_since: "2020-01-20"};
WITH coalesce(date($as_of), date()) AS d
UNWIND $ids AS item_id
MATCH (m:PartyMember {id: item_id} WHERE NOT coalesce(m.voided, false))-[:LIVES_IN]->(r:Region)
WHERE EXISTS { (m)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false)) }
WITH d, r, m, (COLLECT { MATCH (m)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false))-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]->(place WHERE NOT coalesce(place.voided, false))
           WITH o, dep, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END + duration({days: $frontline_min_days - 1}) AS reach
           WHERE (o.until IS NULL OR reach <= o.until) AND (dep.until IS NULL OR reach <= dep.until)
           RETURN reach ORDER BY reach LIMIT 1 }[0] IS NULL OR d < COLLECT { MATCH (m)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false))-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]->(place WHERE NOT coalesce(place.voided, false))
           WITH o, dep, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END + duration({days: $frontline_min_days - 1}) AS reach
           WHERE (o.until IS NULL OR reach <= o.until) AND (dep.until IS NULL OR reach <= dep.until)
           RETURN reach ORDER BY reach LIMIT 1 }[0] OR EXISTS { (rec:Recognition WHERE NOT coalesce(rec.voided, false))-[:RECOGNISES]->(m) WHERE date($recognition_since) <= rec.date <= d }) AS ok, COLLECT { MATCH (m)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false))-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]->(place WHERE NOT coalesce(place.voided, false))
            WITH t, place, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END AS start,
                 reduce(e = d, x IN [o.until, dep.until] | CASE WHEN x IS NOT NULL AND x < e THEN x ELSE e END) AS stop
            WHERE start <= stop
            WITH duration.inDays(start, stop).days + 1 AS days, t.name AS team, place.name AS place
            RETURN {days: days, team: team, place: place} AS s ORDER BY days DESC, team, place LIMIT 1 }[0] AS best
RETURN m.id AS id, m.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, ok AS covered, {days: best.days, team: best.team, place: best.place, min_days: $frontline_min_days} AS details
ORDER BY id
