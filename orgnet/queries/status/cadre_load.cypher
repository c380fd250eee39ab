// name: cadre_load
// title: Is a cadre within the pairing maximum?
// description: For each given cadre: its active pairings on the day against the policy maximum for its level.
//   Ids that are not in the population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param max_city: int[0..1000000] = 5 -- Policy: maximum active pairings of a city-level cadre
// param max_county: int[0..1000000] = 8 -- Policy: maximum active pairings of a county-level cadre
// param max_town: int[0..1000000] = 10 -- Policy: maximum active pairings of a town-level cadre
// param max_village: int[0..1000000] = 6 -- Policy: maximum active pairings of a village-level cadre
// returns: id, name, path_ids, path_names, covered, details
// personal: name
:params {ids: [], as_of: null, max_city: 5, max_county: 8, max_town: 10, max_village: 6};
WITH coalesce(date($as_of), date()) AS d
UNWIND $ids AS item_id
MATCH (c:Cadre {id: item_id} WHERE NOT coalesce(c.voided, false))-[:SERVES_IN]->(r:Region)
WITH r, c, COUNT { (c)-[p:PAIRED_WITH WHERE NOT coalesce(p.voided, false)]->(enterprise:Enterprise WHERE NOT coalesce(enterprise.voided, false)) WHERE p.since <= d AND (p.until IS NULL OR d <= p.until) } AS active, CASE c.level WHEN 'city' THEN $max_city WHEN 'county' THEN $max_county WHEN 'town' THEN $max_town WHEN 'village' THEN $max_village END AS maximum
RETURN c.id AS id, c.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, coalesce(active <= maximum, false) AS covered,
       {level: c.level, active_pairings: active, maximum: maximum} AS details
ORDER BY id
