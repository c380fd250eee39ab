// name: cadre_load
// title: Cadre load within the policy maximum, rolled up
// description: Cadres serving in regions under the region whose active pairings on the day do not exceed the
//   policy maximum for their level. A cadre counts where it serves (a city cadre only in the city
//   row). Returns one `region` row for the region itself, then one `group` row per region at the
//   group level (default: the children), in id order, zeros included.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param group_level: string = null -- Level of the group rows: county, town or village (null: one level below the region)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param max_city: int[0..1000000] = 5 -- Policy: maximum active pairings of a city-level cadre
// param max_county: int[0..1000000] = 8 -- Policy: maximum active pairings of a county-level cadre
// param max_town: int[0..1000000] = 10 -- Policy: maximum active pairings of a town-level cadre
// param max_village: int[0..1000000] = 6 -- Policy: maximum active pairings of a village-level cadre
// returns: scope, id, name, level, covered, total
:params {region: "320300", group_level: null, as_of: null, max_city: 5, max_county: 8, max_town: 10, max_village: 6};
MATCH (x:Region {id: $region})
WITH x, coalesce(date($as_of), date()) AS d,
     coalesce($group_level, CASE x.level WHEN 'nation' THEN 'province' WHEN 'province' THEN 'city' WHEN 'city' THEN 'county' WHEN 'county' THEN 'town' WHEN 'town' THEN 'village' END) AS gl
MATCH (r:Region)
WHERE (r.id = $region OR r.nation_id = $region OR r.province_id = $region OR r.city_id = $region OR r.county_id = $region OR r.town_id = $region)
CALL (r, d) {
  MATCH (r)<-[:SERVES_IN]-(c:Cadre WHERE NOT coalesce(c.voided, false))
  WITH c, COUNT { (c)-[p:PAIRED_WITH WHERE NOT coalesce(p.voided, false)]->(enterprise:Enterprise WHERE NOT coalesce(enterprise.voided, false)) WHERE p.since <= d AND (p.until IS NULL OR d <= p.until) } AS active, CASE c.level WHEN 'city' THEN $max_city WHEN 'county' THEN $max_county WHEN 'town' THEN $max_town WHEN 'village' THEN $max_village END AS maximum
  RETURN count(c) AS total, count(CASE WHEN active <= maximum THEN 1 END) AS covered
}
// group rows: each region at the group level, found as the ancestor id its descendants store
WITH x, r, total, covered, CASE gl WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END AS gid
WITH x, gid, sum(total) AS total, sum(covered) AS covered, head(collect(CASE WHEN r.id = gid THEN r END)) AS g
ORDER BY gid
WITH x, sum(total) AS all_total, sum(covered) AS all_covered,
     collect(CASE WHEN g IS NOT NULL THEN {scope: 'group', id: g.id, name: g.name, level: g.level, covered: covered, total: total} END) AS groups
UNWIND [{scope: 'region', id: x.id, name: x.name, level: x.level, covered: all_covered, total: all_total}] + groups AS row
RETURN row.scope AS scope, row.id AS id, row.name AS name, row.level AS level, row.covered AS covered, row.total AS total
