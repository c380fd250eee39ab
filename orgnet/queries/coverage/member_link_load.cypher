// name: member_link_load
// title: Rural members linking exactly the target number of households, rolled up
// description: Rural party members in the 10x10 scheme living under the region who actively link, on the day,
//   exactly the policy's target number of distinct households. Returns one `region` row for the
//   region itself, then one `group` row per region at the group level (default: the children), in id
//   order, zeros included.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param group_level: string = null -- Level of the group rows: county, town or village (null: one level below the region)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param member_link_target: int[1..1000] = 10 -- Policy: households a rural member must actively link, exactly
// returns: scope, id, name, level, covered, total
:params {region: "320300", group_level: null, as_of: null, member_link_target: 10};
MATCH (x:Region {id: $region})
WITH x, coalesce(date($as_of), date()) AS d,
     coalesce($group_level, CASE x.level WHEN 'nation' THEN 'province' WHEN 'province' THEN 'city' WHEN 'city' THEN 'county' WHEN 'county' THEN 'town' WHEN 'town' THEN 'village' END) AS gl
MATCH (r:Region)
WHERE (r.id = $region OR r.nation_id = $region OR r.province_id = $region OR r.city_id = $region OR r.county_id = $region OR r.town_id = $region)
CALL (r, d) {
  MATCH (r)<-[:LIVES_IN]-(m:PartyMember {rural: true} WHERE NOT coalesce(m.voided, false))
  RETURN count(m) AS total, count(CASE WHEN COUNT { MATCH (m)-[l:LINKS WHERE NOT coalesce(l.voided, false)]->(h:Household WHERE NOT coalesce(h.voided, false)) WHERE l.since <= d AND (l.until IS NULL OR d <= l.until) RETURN DISTINCT h } = $member_link_target THEN 1 END) AS covered
}
// group rows: each region at the group level, found as the ancestor id its descendants store
WITH x, r, total, covered, CASE gl WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END AS gid
WITH x, gid, sum(total) AS total, sum(covered) AS covered, head(collect(CASE WHEN r.id = gid THEN r END)) AS g
ORDER BY gid
WITH x, sum(total) AS all_total, sum(covered) AS all_covered,
     collect(CASE WHEN g IS NOT NULL THEN {scope: 'group', id: g.id, name: g.name, level: g.level, covered: covered, total: total} END) AS groups
UNWIND [{scope: 'region', id: x.id, name: x.name, level: x.level, covered: all_covered, total: all_total}] + groups AS row
RETURN row.scope AS scope, row.id AS id, row.name AS name, row.level AS level, row.covered AS covered, row.total AS total
