// name: medical_family_support
// title: Medical workers' families with an active support contact, rolled up
// description: Medical workers sent to Hubei whose family lives under the region and has, on the day, an active
//   support contact (a party organisation or a cadre). Workers with no family region count in the
//   city row only. Returns one `region` row for the region itself, then one `group` row per region
//   at the group level (default: the children), in id order, zeros included.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param group_level: string = null -- Level of the group rows: county, town or village (null: one level below the region)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// returns: scope, id, name, level, covered, total
:params {region: "320300", group_level: null, as_of: null};
MATCH (x:Region {id: $region})
WITH x, coalesce(date($as_of), date()) AS d,
     coalesce($group_level, CASE x.level WHEN 'nation' THEN 'province' WHEN 'province' THEN 'city' WHEN 'city' THEN 'county' WHEN 'county' THEN 'town' WHEN 'town' THEN 'village' END) AS gl
CALL (x, d) {
  MATCH (r:Region)
  WHERE (r.id = $region OR r.nation_id = $region OR r.province_id = $region OR r.city_id = $region OR r.county_id = $region OR r.town_id = $region)
  CALL (r, d) {
    MATCH (w:MedicalWorker {region_id: r.id} WHERE NOT coalesce(w.voided, false))
    RETURN count(w) AS total, count(CASE WHEN EXISTS { (w)<-[s:SUPPORTS_FAMILY_OF WHERE NOT coalesce(s.voided, false)]-(supporter WHERE NOT coalesce(supporter.voided, false)) WHERE s.since <= d AND (s.until IS NULL OR d <= s.until) } THEN 1 END) AS covered
  }
  RETURN r, total, covered
  UNION ALL
  // workers with no family region: the city's (scanned once, not per region)
  WITH x, d WHERE x:City
  MATCH (w:MedicalWorker WHERE NOT coalesce(w.voided, false)) WHERE w.region_id IS NULL
  RETURN x AS r, count(w) AS total, count(CASE WHEN EXISTS { (w)<-[s:SUPPORTS_FAMILY_OF WHERE NOT coalesce(s.voided, false)]-(supporter WHERE NOT coalesce(supporter.voided, false)) WHERE s.since <= d AND (s.until IS NULL OR d <= s.until) } THEN 1 END) AS covered
}
// group rows: each region at the group level, found as the ancestor id its descendants store
WITH x, r, total, covered, CASE gl WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END AS gid
WITH x, gid, sum(total) AS total, sum(covered) AS covered, head(collect(CASE WHEN r.id = gid THEN r END)) AS g
ORDER BY gid
WITH x, sum(total) AS all_total, sum(covered) AS all_covered,
     collect(CASE WHEN g IS NOT NULL THEN {scope: 'group', id: g.id, name: g.name, level: g.level, covered: covered, total: total} END) AS groups
UNWIND [{scope: 'region', id: x.id, name: x.name, level: x.level, covered: all_covered, total: all_total}] + groups AS row
RETURN row.scope AS scope, row.id AS id, row.name AS name, row.level AS level, row.covered AS covered, row.total AS total
