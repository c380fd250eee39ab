// name: party_org_presence
// title: Party organisation presence in villages and communities, rolled up
// description: Village-level units (villages and communities) under the region with at least one party
//   organisation located there. Returns one `region` row for the region itself, then one `group` row
//   per region at the group level (default: the children), in id order, zeros included.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param group_level: string = null -- Level of the group rows: county, town or village (null: one level below the region)
// returns: scope, id, name, level, covered, total
:params {region: "320300", group_level: null};
MATCH (x:Region {id: $region})
WITH x, coalesce($group_level, CASE x.level WHEN 'nation' THEN 'province' WHEN 'province' THEN 'city' WHEN 'city' THEN 'county' WHEN 'county' THEN 'town' WHEN 'town' THEN 'village' END) AS gl
MATCH (r:Region)
WHERE (r.id = $region OR r.nation_id = $region OR r.province_id = $region OR r.city_id = $region OR r.county_id = $region OR r.town_id = $region)
WITH x, gl, r,
     CASE WHEN r:Village THEN 1 ELSE 0 END AS total,
     CASE WHEN r:Village AND EXISTS { (r)<-[:LOCATED_IN]-(org:PartyOrg WHERE NOT coalesce(org.voided, false)) } THEN 1 ELSE 0 END AS covered
// group rows: each region at the group level, found as the ancestor id its descendants store
WITH x, r, total, covered, CASE gl WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END AS gid
WITH x, gid, sum(total) AS total, sum(covered) AS covered, head(collect(CASE WHEN r.id = gid THEN r END)) AS g
ORDER BY gid
WITH x, sum(total) AS all_total, sum(covered) AS all_covered,
     collect(CASE WHEN g IS NOT NULL THEN {scope: 'group', id: g.id, name: g.name, level: g.level, covered: covered, total: total} END) AS groups
UNWIND [{scope: 'region', id: x.id, name: x.name, level: x.level, covered: all_covered, total: all_total}] + groups AS row
RETURN row.scope AS scope, row.id AS id, row.name AS name, row.level AS level, row.covered AS covered, row.total AS total
