// name: community_funding
// title: Communities funded to the standard, rolled up
// description: Communities under the region whose allocations from the policy's funds, dated on or before the
//   day, add up to at least the per-community standard (compared to the fen). Returns one `region`
//   row for the region itself, then one `group` row per region at the group level (default: the
//   children), in id order, zeros included.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param group_level: string = null -- Level of the group rows: county, town or village (null: one level below the region)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param funding_standard: float[0..1e15] = 50000.0 -- Policy: per-community funding standard (CNY)
// param funding_funds: list<string> = ["community_standard"] -- Policy: funds whose allocations count
// returns: scope, id, name, level, covered, total
:params {region: "320300", group_level: null, as_of: null, funding_standard: 50000.0, funding_funds: ["community_standard"]};
MATCH (x:Region {id: $region})
WITH x, coalesce(date($as_of), date()) AS d,
     coalesce($group_level, CASE x.level WHEN 'nation' THEN 'province' WHEN 'province' THEN 'city' WHEN 'city' THEN 'county' WHEN 'county' THEN 'town' WHEN 'town' THEN 'village' END) AS gl
MATCH (r:Region)
WHERE (r.id = $region OR r.nation_id = $region OR r.province_id = $region OR r.city_id = $region OR r.county_id = $region OR r.town_id = $region)
WITH x, gl, d, r, CASE WHEN r:Village AND r.kind = 'community' THEN 1 ELSE 0 END AS total
WITH x, gl, r, total, CASE WHEN total = 1 AND reduce(s = 0.0, amount IN COLLECT { MATCH (a:Allocation WHERE NOT coalesce(a.voided, false))-[:TO]->(r) WHERE a.fund IN $funding_funds AND a.date <= d RETURN a.amount } | s + amount) + 0.005 >= $funding_standard THEN 1 ELSE 0 END AS covered
// group rows: each region at the group level, found as the ancestor id its descendants store
WITH x, r, total, covered, CASE gl WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END AS gid
WITH x, gid, sum(total) AS total, sum(covered) AS covered, head(collect(CASE WHEN r.id = gid THEN r END)) AS g
ORDER BY gid
WITH x, sum(total) AS all_total, sum(covered) AS all_covered,
     collect(CASE WHEN g IS NOT NULL THEN {scope: 'group', id: g.id, name: g.name, level: g.level, covered: covered, total: total} END) AS groups
UNWIND [{scope: 'region', id: x.id, name: x.name, level: x.level, covered: all_covered, total: all_total}] + groups AS row
RETURN row.scope AS scope, row.id AS id, row.name AS name, row.level AS level, row.covered AS covered, row.total AS total
