// name: medical_family_support
// title: Does a medical worker's family have an active support contact?
// description: For each given medical worker: active support contacts on the day; cadres in
//   `unavailable_cadres` do not count. Ids that are not in the population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param unavailable_cadres: list<string> = [] -- What-if: cadres treated as unavailable (their assignments do not count)
// returns: id, name, path_ids, path_names, covered, details
// personal: name
:params {ids: [], as_of: null, unavailable_cadres: []};
WITH coalesce(date($as_of), date()) AS d
UNWIND $ids AS item_id
MATCH (w:MedicalWorker {id: item_id} WHERE NOT coalesce(w.voided, false))
OPTIONAL MATCH (r:Region {id: w.region_id})
WITH d, r, w, COUNT { MATCH (w)<-[s:SUPPORTS_FAMILY_OF WHERE NOT coalesce(s.voided, false)]-(sup WHERE NOT coalesce(sup.voided, false)) WHERE s.since <= d AND (s.until IS NULL OR d <= s.until) AND NOT (sup:Cadre AND sup.id IN $unavailable_cadres) RETURN DISTINCT sup } AS supports
WITH r, w, supports, COLLECT { MATCH (w)<-[s:SUPPORTS_FAMILY_OF WHERE NOT coalesce(s.voided, false)]-(supporter WHERE NOT coalesce(supporter.voided, false)) WHERE s.until IS NOT NULL AND s.until < d RETURN s.until ORDER BY s.until DESC LIMIT 1 }[0] AS last_ended
RETURN w.id AS id, w.name AS name, coalesce(r.path_ids, []) AS path_ids, coalesce(r.path_names, []) AS path_names,
       supports > 0 AS covered,
       {batch: w.batch, destination: w.destination, active_supports: supports, last_support_ended: last_ended} AS details
ORDER BY id
