// name: enterprise_pairing_candidates
// title: Missing pairings and the cadres that could close them
// description: One row per enterprise under the region and cadre level it lacks on the day: the region whose
//   cadres could close the gap (the enterprise region's ancestor at that level, i.e. the only
//   jurisdiction that contains it), the hierarchy distance between the two, and every cadre of that
//   level serving there with their active pairings. The suggestion service turns these rows into a
//   min-cost flow; nothing is written.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param required_city_owned: list<string> = ["city", "county", "town"] -- Policy: cadre levels a city-owned enterprise needs
// param required_non_public: list<string> = ["county", "town"] -- Policy: cadre levels a non-public enterprise needs
// param required_talent: list<string> = ["city", "town"] -- Policy: cadre levels a talent enterprise needs
// returns: enterprise_id, enterprise_name, kind, region_id, region_level, level, jurisdiction_id, jurisdiction_name, distance, candidates
// personal: candidates.cadre_name
:params {region: "320300", as_of: null, required_city_owned: ["city", "county", "town"], required_non_public: ["county", "town"], required_talent: ["city", "town"]};
WITH coalesce(date($as_of), date()) AS d
MATCH (r:Region)
WHERE (r.id = $region OR r.nation_id = $region OR r.province_id = $region OR r.city_id = $region OR r.county_id = $region OR r.town_id = $region)
MATCH (r)<-[:LOCATED_IN]-(e:Enterprise) WHERE NOT coalesce(e.voided, false)
WITH d, r, e, CASE e.kind WHEN 'city_owned' THEN $required_city_owned WHEN 'non_public' THEN $required_non_public WHEN 'talent' THEN $required_talent ELSE [] END AS req
UNWIND req AS lvl
WITH d, r, e, lvl
WHERE NOT EXISTS {
    MATCH (e)<-[p:PAIRED_WITH]-(c:Cadre {level: lvl})
    WHERE p.since <= d AND (p.until IS NULL OR d <= p.until) AND NOT coalesce(p.voided, false) AND NOT coalesce(c.voided, false)
      AND c.region_id = CASE lvl WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END
  }
WITH d, r, e, lvl, CASE lvl WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END AS jid
// the candidates of a jurisdiction and level once, for all its enterprises (per row they were
// counted again for every enterprise: 52,200 candidate loads for 3,120 needs of the city)
WITH d, lvl, jid, collect([r, e]) AS needs
OPTIONAL MATCH (j:Region {id: jid})
WITH d, lvl, j, needs,
     COLLECT { MATCH (j)<-[:SERVES_IN]-(c:Cadre {level: lvl}) WHERE NOT coalesce(c.voided, false)
               RETURN {cadre_id: c.id, cadre_name: c.name, active_pairings: COUNT { (c)-[p:PAIRED_WITH]->(:Enterprise) WHERE p.since <= d AND (p.until IS NULL OR d <= p.until) AND NOT coalesce(p.voided, false) }} AS cand ORDER BY c.id } AS candidates
UNWIND needs AS need
WITH need[0] AS r, need[1] AS e, lvl, j, candidates
RETURN e.id AS enterprise_id, e.name AS enterprise_name, e.kind AS kind, r.id AS region_id, r.level AS region_level,
       lvl AS level, j.id AS jurisdiction_id, j.name AS jurisdiction_name,
       CASE r.level WHEN 'city' THEN 0 WHEN 'county' THEN 1 WHEN 'town' THEN 2 ELSE 3 END
         - CASE lvl WHEN 'city' THEN 0 WHEN 'county' THEN 1 WHEN 'town' THEN 2 ELSE 3 END AS distance,
       candidates
ORDER BY enterprise_id, distance DESC
