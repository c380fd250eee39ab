// name: enterprise_pairing
// title: Is an enterprise covered? (pairing at every required level)
// description: For each given enterprise: covered or not on the day, with the missing levels and the pairings
//   outside jurisdiction; cadres listed in `unavailable_cadres` do not count. Ids that are not in
//   the population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param required_city_owned: list<string> = ["city", "county", "town"] -- Policy: cadre levels a city-owned enterprise needs
// param required_non_public: list<string> = ["county", "town"] -- Policy: cadre levels a non-public enterprise needs
// param required_talent: list<string> = ["city", "town"] -- Policy: cadre levels a talent enterprise needs
// param unavailable_cadres: list<string> = [] -- What-if: cadres treated as unavailable (their assignments do not count)
// returns: id, name, path_ids, path_names, covered, details
:params {ids: [], as_of: null, required_city_owned: ["city", "county", "town"], required_non_public: ["county", "town"], required_talent: ["city", "town"], unavailable_cadres: []};
WITH coalesce(date($as_of), date()) AS d
UNWIND $ids AS item_id
MATCH (e:Enterprise {id: item_id} WHERE NOT coalesce(e.voided, false))-[:LOCATED_IN]->(r:Region)
WITH d, r, e, CASE e.kind WHEN 'city_owned' THEN $required_city_owned WHEN 'non_public' THEN $required_non_public WHEN 'talent' THEN $required_talent ELSE [] END AS req
WITH d, r, e, req, [lvl IN req WHERE NOT EXISTS {
      MATCH (e)<-[p:PAIRED_WITH WHERE NOT coalesce(p.voided, false)]-(c:Cadre {level: lvl} WHERE NOT coalesce(c.voided, false))
      WHERE p.since <= d AND (p.until IS NULL OR d <= p.until)
        AND c.region_id = CASE lvl WHEN 'nation' THEN r.nation_id WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END
      AND NOT c.id IN $unavailable_cadres
    }] AS missing
WITH r, e, req, missing, [(e)<-[p:PAIRED_WITH WHERE NOT coalesce(p.voided, false)]-(c:Cadre WHERE NOT coalesce(c.voided, false)) WHERE p.since <= d AND (p.until IS NULL OR d <= p.until) AND coalesce(c.region_id <> CASE c.level WHEN 'nation' THEN r.nation_id WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END, true) AND NOT c.id IN $unavailable_cadres | {cadre_id: c.id, level: c.level}] AS outside
RETURN e.id AS id, e.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, size(missing) = 0 AS covered, {kind: e.kind, required_levels: req, missing_levels: missing, outside_jurisdiction: outside} AS details
ORDER BY id
