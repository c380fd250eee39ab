// name: record_backed_promotion
// title: Promotions backed by a frontline record, rolled up
// description: Recognitions of the policy's kinds (promotions, excellent assessments) of cadres under the region
//   with a frontline record entry of the cadre dated before them. Returns one `region` row for the
//   region itself, then one `group` row per region at the group level (default: the children), in id
//   order, zeros included.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param group_level: string = null -- Level of the group rows: county, town or village (null: one level below the region)
// param backed_kinds: list<string> = ["promoted", "excellent_assessment"] -- Policy: kinds of recognition a frontline record must back
// returns: scope, id, name, level, covered, total
:params {region: "320300", group_level: null, backed_kinds: ["promoted", "excellent_assessment"]};
MATCH (x:Region {id: $region})
WITH x, coalesce($group_level, CASE x.level WHEN 'nation' THEN 'province' WHEN 'province' THEN 'city' WHEN 'city' THEN 'county' WHEN 'county' THEN 'town' WHEN 'town' THEN 'village' END) AS gl
MATCH (r:Region)
WHERE (r.id = $region OR r.nation_id = $region OR r.province_id = $region OR r.city_id = $region OR r.county_id = $region OR r.town_id = $region)
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(rec:Recognition WHERE NOT coalesce(rec.voided, false))-[:RECOGNISES]->(c:Cadre WHERE NOT coalesce(c.voided, false))
  WHERE rec.kind IN $backed_kinds
  RETURN count(rec) AS total, count(CASE WHEN EXISTS { (c)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) WHERE fr.date < rec.date } THEN 1 END) AS covered
}
// group rows: each region at the group level, found as the ancestor id its descendants store
WITH x, r, total, covered, CASE gl WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END AS gid
WITH x, gid, sum(total) AS total, sum(covered) AS covered, head(collect(CASE WHEN r.id = gid THEN r END)) AS g
ORDER BY gid
WITH x, sum(total) AS all_total, sum(covered) AS all_covered,
     collect(CASE WHEN g IS NOT NULL THEN {scope: 'group', id: g.id, name: g.name, level: g.level, covered: covered, total: total} END) AS groups
UNWIND [{scope: 'region', id: x.id, name: x.name, level: x.level, covered: all_covered, total: all_total}] + groups AS row
RETURN row.scope AS scope, row.id AS id, row.name AS name, row.level AS level, row.covered AS covered, row.total AS total
