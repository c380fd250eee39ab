// name: frontline_recognition
// title: Frontline recognition: coverage timeline per region
// description: People found in each given region (volunteers where they live, cadres where they serve): covered
//   until their service reaches the policy's days or entries, and from their first recognition (on or
//   after the policy's start day) on.
//   One row per region: `total` items and `events`, the days their coverage changes with the net change in
//   covered items (day 0001-01-01 carries what is covered from the start). Covered on a day = the sum of the
//   deltas of the events on or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py).
// param regions: list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)
// param frontline_min_days: int[1..3650] = 14 -- Policy: days on a deployed team after which a volunteer is due a recognition
// param min_record_entries: int[1..1000] = 3 -- Policy: frontline record entries after which a cadre is due a recognition
// param recognition_since: string = "2020-01-20" -- Policy: first day a recognition counts from (YYYY-MM-DD)
// returns: region_id, total, events
:params {regions: ["320321-006-022", "320321"], frontline_min_days: 14, min_record_entries: 3, recognition_since: "2020-01-20"};
UNWIND $regions AS rid
MATCH (r:Region {id: rid})
CALL (r) {
  CALL (r) {
    MATCH (r)<-[:LIVES_IN]-(p:PartyMember WHERE NOT coalesce(p.voided, false))
    WHERE EXISTS { (p)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false)) }
    RETURN p
    UNION
    MATCH (r)<-[:SERVES_IN]-(p:Cadre WHERE NOT coalesce(p.voided, false))
    WHERE EXISTS { (p)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) } AND NOT EXISTS { MATCH (tw:PartyMember {id: p.id})-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false)) WHERE NOT coalesce(tw.voided, false) }
    RETURN p
  }
  WITH p, COLLECT { MATCH (who:PartyMember {id: p.id}) WHERE NOT coalesce(who.voided, false) RETURN who } + COLLECT { MATCH (who:Cadre {id: p.id}) WHERE NOT coalesce(who.voided, false) RETURN who } AS ps
  WITH p, ps, reduce(first = null, day IN COLLECT { UNWIND ps AS who
             MATCH (who)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(t:VolunteerTeam WHERE NOT coalesce(t.voided, false))-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]->(place WHERE NOT coalesce(place.voided, false))
             WITH o, dep, CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END + duration({days: $frontline_min_days - 1}) AS reach
             WHERE (o.until IS NULL OR reach <= o.until) AND (dep.until IS NULL OR reach <= dep.until)
             RETURN reach
             UNION
             UNWIND ps AS who
             WITH COLLECT { MATCH (who)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) RETURN fr.date ORDER BY fr.date }[toInteger($min_record_entries) - 1] AS reach
             WHERE reach IS NOT NULL
             RETURN reach }
           | CASE WHEN first IS NULL OR day < first THEN day ELSE first END) AS reach,
       COLLECT { UNWIND ps AS who MATCH (who)<-[:RECOGNISES]-(rec:Recognition WHERE NOT coalesce(rec.voided, false)) WHERE rec.date >= date($recognition_since) RETURN rec.date } AS recs
  RETURN count(p) AS total, collect({id: p.id, reach: reach, recs: recs}) AS items
}
CALL (items) {
  UNWIND items AS it
  UNWIND [date('0001-01-01')] + CASE WHEN it.reach IS NULL THEN [] ELSE [it.reach] END + it.recs AS b
  WITH DISTINCT it, b  // one boundary per item and day (the item's id keeps equal items apart)
  WITH it, b, b - duration('P1D') AS p
  WITH b, CASE WHEN it.reach IS NULL OR b < it.reach OR any(x IN it.recs WHERE x <= b) THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0
            WHEN it.reach IS NULL OR p < it.reach OR any(x IN it.recs WHERE x <= p) THEN 1 ELSE 0 END AS before
  WHERE now <> before
  WITH b, sum(now - before) AS delta ORDER BY b
  RETURN collect({day: b, delta: delta}) AS events
}
RETURN r.id AS region_id, total, events
