// name: cadre_load
// title: Overloaded cadres
// description: Cadres serving under the region whose active pairings on the day exceed the policy maximum for
//   their level. Stable order by id; page with `after` = the last id returned.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param after: string = null -- Return items with an id greater than this (cursor; null: from the start)
// param limit: int[1..10000] = 50 -- Maximum number of items returned
// param max_city: int[0..1000000] = 5 -- Policy: maximum active pairings of a city-level cadre
// param max_county: int[0..1000000] = 8 -- Policy: maximum active pairings of a county-level cadre
// param max_town: int[0..1000000] = 10 -- Policy: maximum active pairings of a town-level cadre
// param max_village: int[0..1000000] = 6 -- Policy: maximum active pairings of a village-level cadre
// param regions: list<string> = null -- Only items located in these regions (null: all); the API passes the regions whose stored coverage summaries show a gap on the day
// returns: id, name, path_ids, path_names, details
// personal: name
:params {region: "320300", as_of: null, after: null, limit: 50, max_city: 5, max_county: 8, max_town: 10, max_village: 6, regions: null};
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
MATCH (r)<-[:SERVES_IN]-(c:Cadre WHERE NOT coalesce(c.voided, false))
WHERE $after IS NULL OR c.id > $after
WITH r, c, COUNT { (c)-[p:PAIRED_WITH WHERE NOT coalesce(p.voided, false)]->(enterprise:Enterprise WHERE NOT coalesce(enterprise.voided, false)) WHERE p.since <= d AND (p.until IS NULL OR d <= p.until) } AS active, CASE c.level WHEN 'city' THEN $max_city WHEN 'county' THEN $max_county WHEN 'town' THEN $max_town WHEN 'village' THEN $max_village END AS maximum
WHERE NOT coalesce(active <= maximum, false)
WITH r, c, active, maximum ORDER BY c.id LIMIT toInteger($limit)
RETURN c.id AS id, c.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {level: c.level, active_pairings: active, maximum: maximum} AS details
ORDER BY id
