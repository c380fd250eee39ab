// name: enterprise_pairing
// title: Enterprises missing a required cadre level
// description: Enterprises under the region that lack, on the day, an active pairing within jurisdiction at one
//   or more of the levels the policy requires for their kind. `details` names the missing levels and
//   any active pairings whose cadre serves outside a region containing the enterprise. Stable order
//   by id; page with `after` = the last id returned.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param after: string = null -- Return items with an id greater than this (cursor; null: from the start)
// param limit: int[1..10000] = 50 -- Maximum number of items returned
// param required_city_owned: list<string> = ["city", "county", "town"] -- Policy: cadre levels a city-owned enterprise needs
// param required_non_public: list<string> = ["county", "town"] -- Policy: cadre levels a non-public enterprise needs
// param required_talent: list<string> = ["city", "town"] -- Policy: cadre levels a talent enterprise needs
// param regions: list<string> = null -- Only items located in these regions (null: all); the API passes the regions whose stored coverage summaries show a gap on the day
// returns: id, name, path_ids, path_names, details
:params {region: "320300", as_of: null, after: null, limit: 50, required_city_owned: ["city", "county", "town"], required_non_public: ["county", "town"], required_talent: ["city", "town"], regions: null};
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
MATCH (r)<-[:LOCATED_IN]-(e:Enterprise WHERE NOT coalesce(e.voided, false))
WHERE $after IS NULL OR e.id > $after
WITH d, r, e, CASE e.kind WHEN 'city_owned' THEN $required_city_owned WHEN 'non_public' THEN $required_non_public WHEN 'talent' THEN $required_talent ELSE [] END AS req
WITH d, r, e, req, [lvl IN req WHERE NOT EXISTS {
      MATCH (e)<-[p:PAIRED_WITH WHERE NOT coalesce(p.voided, false)]-(c:Cadre {level: lvl} WHERE NOT coalesce(c.voided, false))
      WHERE p.since <= d AND (p.until IS NULL OR d <= p.until)
        AND c.region_id = CASE lvl WHEN 'nation' THEN r.nation_id WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END
    }] AS missing
WHERE size(missing) > 0
WITH d, r, e, req, missing ORDER BY e.id LIMIT toInteger($limit)
WITH r, e, req, missing, [(e)<-[p:PAIRED_WITH WHERE NOT coalesce(p.voided, false)]-(c:Cadre WHERE NOT coalesce(c.voided, false)) WHERE p.since <= d AND (p.until IS NULL OR d <= p.until) AND coalesce(c.region_id <> CASE c.level WHEN 'nation' THEN r.nation_id WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END, true) | {cadre_id: c.id, level: c.level}] AS outside
RETURN e.id AS id, e.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {kind: e.kind, required_levels: req, missing_levels: missing, outside_jurisdiction: outside} AS details
ORDER BY id
