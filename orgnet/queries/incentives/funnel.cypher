// name: funnel
// title: Incentive funnel: frontline service, noted, recognised, promoted
// description: Counts of people under the region (where they live or serve) on the day: `served`, volunteers whose
//   days on a deployed team reached the policy's minimum, and cadres with a frontline record entry;
//   `noted`, people noted for their frontline performance (纳入组织视野); `recognised`, people with any
//   recognition; `promoted`, cadres promoted. Counts only: no person is named.
// param region: string = "320300" -- Region id whose subtree is counted (default: Xuzhou city)
// param as_of: date = null -- Day the counts are taken on, YYYY-MM-DD (null: today)
// param frontline_min_days: int[1..3650] = 14 -- Policy: days on a deployed team that count as frontline service
// returns: served, noted, recognised, promoted
:params {region: "320300", as_of: null, frontline_min_days: 14};
MATCH (x:Region {id: $region})
WITH x, coalesce(date($as_of), date()) AS d
CALL (x, d) {
  MATCH (r:Region) WHERE r.id = x.id OR r.city_id = x.id OR r.county_id = x.id OR r.town_id = x.id
  CALL (r, d) {
    MATCH (r)<-[:LIVES_IN]-(m:PartyMember WHERE NOT coalesce(m.voided, false))
    WHERE EXISTS {
      MATCH (m)-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]->(:VolunteerTeam)-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]->()
      WITH CASE WHEN o.since > dep.since THEN o.since ELSE dep.since END + duration({days: $frontline_min_days - 1}) AS reach, o, dep
      WHERE reach <= d AND (o.until IS NULL OR reach <= o.until) AND (dep.until IS NULL OR reach <= dep.until)
    }
    RETURN count(m) AS volunteers
  }
  CALL (r, d) {
    MATCH (r)<-[:SERVES_IN]-(c:Cadre WHERE NOT coalesce(c.voided, false))
    WHERE EXISTS { (c)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) WHERE fr.date <= d }
    RETURN count(c) AS cadres
  }
  CALL (r, d) {
    MATCH (r)<-[:LOCATED_IN]-(rec:Recognition WHERE NOT coalesce(rec.voided, false))-[:RECOGNISES]->(p)
    WHERE rec.date <= d
    RETURN count(DISTINCT CASE WHEN rec.kind = 'noted' THEN p END) AS noted, count(DISTINCT p) AS recognised,
           count(DISTINCT CASE WHEN rec.kind = 'promoted' THEN p END) AS promoted
  }
  RETURN sum(volunteers + cadres) AS served, sum(noted) AS noted, sum(recognised) AS recognised, sum(promoted) AS promoted
}
RETURN served, noted, recognised, promoted
