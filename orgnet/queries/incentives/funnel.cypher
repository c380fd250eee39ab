// name: funnel
// title: Incentive funnel: frontline service, noted, recognised, promoted
// description: Counts of people under the region (where they live or serve) on the day: `served`, the people of the
//   frontline_recognition metric whose service reached the policy on the day (days on a deployed team,
//   or frontline record entries of a cadre), each once;
//   `noted`, people noted for their frontline performance (纳入组织视野); `recognised`, people with any
//   recognition; `promoted`, cadres promoted. Counts only: no person is named.
// param region: string = "320300" -- Region id whose subtree is counted (default: Xuzhou city)
// param as_of: date = null -- Day the counts are taken on, YYYY-MM-DD (null: today)
// param frontline_min_days: int[1..3650] = 14 -- Policy: days on a deployed team that count as frontline service
// param min_record_entries: int[1..1000] = 3 -- Policy: frontline record entries of a cadre that count as frontline service
// returns: served, noted, recognised, promoted
:params {region: "320300", as_of: null, frontline_min_days: 14, min_record_entries: 3};
MATCH (x:Region {id: $region})
WITH x, coalesce(date($as_of), date()) AS d
CALL (x, d) {
  MATCH (r:Region) WHERE r.id = x.id OR r.city_id = x.id OR r.county_id = x.id OR r.town_id = x.id
  // the people of frontline_recognition (its population, each once) whose service reached the policy on the day
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
    WITH d, reduce(first = null, day IN COLLECT { UNWIND ps AS who
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
    RETURN count(CASE WHEN reach <= d THEN 1 END) AS people
  }
  CALL (r, d) {
    MATCH (r)<-[:LOCATED_IN]-(rec:Recognition WHERE NOT coalesce(rec.voided, false))-[:RECOGNISES]->(p)
    WHERE rec.date <= d
    RETURN count(DISTINCT CASE WHEN rec.kind = 'noted' THEN p END) AS noted, count(DISTINCT p) AS recognised,
           count(DISTINCT CASE WHEN rec.kind = 'promoted' THEN p END) AS promoted
  }
  RETURN sum(people) AS served, sum(noted) AS noted, sum(recognised) AS recognised, sum(promoted) AS promoted
}
RETURN served, noted, recognised, promoted
