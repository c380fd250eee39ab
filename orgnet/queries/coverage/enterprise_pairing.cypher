// name: enterprise_pairing
// title: Enterprise pairing coverage, rolled up
// description: Enterprises under the region that are paired, on the day, with an active cadre at every level
//   the policy requires for their kind, each cadre serving in a region that contains the enterprise
//   (the enterprise region's ancestor id at the cadre's level equals the cadre's region id). Returns
//   one `region` row for the region itself, then one `group` row per region at the group level
//   (default: the children), in id order, zeros included.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param group_level: string = null -- Level of the group rows: county, town or village (null: one level below the region)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param required_city_owned: list<string> = ["city", "county", "town"] -- Policy: cadre levels a city-owned enterprise needs
// param required_non_public: list<string> = ["county", "town"] -- Policy: cadre levels a non-public enterprise needs
// param required_talent: list<string> = ["city", "town"] -- Policy: cadre levels a talent enterprise needs
// returns: scope, id, name, level, covered, total
:params {region: "320300", group_level: null, as_of: null, required_city_owned: ["city", "county", "town"], required_non_public: ["county", "town"], required_talent: ["city", "town"]};
MATCH (x:Region {id: $region})
WITH x, coalesce(date($as_of), date()) AS d,
     coalesce($group_level, CASE x.level WHEN 'nation' THEN 'province' WHEN 'province' THEN 'city' WHEN 'city' THEN 'county' WHEN 'county' THEN 'town' WHEN 'town' THEN 'village' END) AS gl
MATCH (r:Region)
WHERE (r.id = $region OR r.nation_id = $region OR r.province_id = $region OR r.city_id = $region OR r.county_id = $region OR r.town_id = $region)
CALL (r, d) {
  MATCH (r)<-[:LOCATED_IN]-(e:Enterprise WHERE NOT coalesce(e.voided, false))
  WITH r, d, e, CASE e.kind WHEN 'city_owned' THEN $required_city_owned WHEN 'non_public' THEN $required_non_public WHEN 'talent' THEN $required_talent ELSE [] END AS req
  RETURN count(e) AS total,
         count(CASE WHEN size([lvl IN req WHERE NOT EXISTS {
      MATCH (e)<-[p:PAIRED_WITH WHERE NOT coalesce(p.voided, false)]-(c:Cadre {level: lvl} WHERE NOT coalesce(c.voided, false))
      WHERE p.since <= d AND (p.until IS NULL OR d <= p.until)
        AND c.region_id = CASE lvl WHEN 'nation' THEN r.nation_id WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END
    }]) = 0 THEN 1 END) AS covered
}
// group rows: each region at the group level, found as the ancestor id its descendants store
WITH x, r, total, covered, CASE gl WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END AS gid
WITH x, gid, sum(total) AS total, sum(covered) AS covered, head(collect(CASE WHEN r.id = gid THEN r END)) AS g
ORDER BY gid
WITH x, sum(total) AS all_total, sum(covered) AS all_covered,
     collect(CASE WHEN g IS NOT NULL THEN {scope: 'group', id: g.id, name: g.name, level: g.level, covered: covered, total: total} END) AS groups
UNWIND [{scope: 'region', id: x.id, name: x.name, level: x.level, covered: all_covered, total: all_total}] + groups AS row
RETURN row.scope AS scope, row.id AS id, row.name AS name, row.level AS level, row.covered AS covered, row.total AS total
