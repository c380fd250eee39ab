// name: community_funding
// title: Under-funded communities
// description: Communities under the region whose allocations from the policy's funds up to the day add up to
//   less than the standard. Stable order by id; page with `after` = the last id returned.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param after: string = null -- Return items with an id greater than this (cursor; null: from the start)
// param limit: int[1..10000] = 50 -- Maximum number of items returned
// param funding_standard: float[0..1e15] = 50000.0 -- Policy: per-community funding standard (CNY)
// param funding_funds: list<string> = ["community_standard"] -- Policy: funds whose allocations count
// param regions: list<string> = null -- Only items located in these regions (null: all); the API passes the regions whose stored coverage summaries show a gap on the day
// returns: id, name, path_ids, path_names, details
:params {region: "320300", as_of: null, after: null, limit: 50, funding_standard: 50000.0, funding_funds: ["community_standard"], regions: null};
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
WITH *
WHERE r:Village AND r.kind = 'community' AND ($after IS NULL OR r.id > $after)
WITH d, r, reduce(s = 0.0, amount IN COLLECT { MATCH (a:Allocation WHERE NOT coalesce(a.voided, false))-[:TO]->(r) WHERE a.fund IN $funding_funds AND a.date <= d RETURN a.amount } | s + amount) AS allocated
WHERE allocated + 0.005 < $funding_standard
WITH r, allocated ORDER BY r.id LIMIT toInteger($limit)
RETURN r.id AS id, r.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {allocated: allocated, standard: $funding_standard, shortfall: $funding_standard - allocated} AS details
ORDER BY id
