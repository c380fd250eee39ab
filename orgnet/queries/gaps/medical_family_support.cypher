// name: medical_family_support
// title: Medical workers' families without an active support contact
// description: Medical workers whose family lives under the region (or anywhere, for the city, when no region
//   is recorded) and has no active support contact on the day. Stable order by id; page with `after`
//   = the last id returned.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param after: string = null -- Return items with an id greater than this (cursor; null: from the start)
// param limit: int[1..10000] = 50 -- Maximum number of items returned
// param regions: list<string> = null -- Only items located in these regions (null: all); the API passes the regions whose stored coverage summaries show a gap on the day
// returns: id, name, path_ids, path_names, details
// personal: name
:params {region: "320300", as_of: null, after: null, limit: 50, regions: null};
WITH coalesce(date($as_of), date()) AS d
CALL () {
  MATCH (r:Region)
  WHERE (r.id = $region OR r.nation_id = $region OR r.province_id = $region OR r.city_id = $region OR r.county_id = $region OR r.town_id = $region)
    AND ($regions IS NULL OR r.id IN $regions)
  MATCH (w:MedicalWorker {region_id: r.id} WHERE NOT coalesce(w.voided, false))
  RETURN r, w
  UNION
  // workers with no family region: the city's
  MATCH (r:Region {id: $region}) WHERE r:City AND ($regions IS NULL OR r.id IN $regions)
  MATCH (w:MedicalWorker WHERE NOT coalesce(w.voided, false)) WHERE w.region_id IS NULL
  RETURN r, w
}
WITH d, r, w
WHERE ($after IS NULL OR w.id > $after) AND NOT EXISTS { (w)<-[s:SUPPORTS_FAMILY_OF WHERE NOT coalesce(s.voided, false)]-(supporter WHERE NOT coalesce(supporter.voided, false)) WHERE s.since <= d AND (s.until IS NULL OR d <= s.until) }
WITH d, r, w ORDER BY w.id LIMIT toInteger($limit)
WITH r, w, COLLECT { MATCH (w)<-[s:SUPPORTS_FAMILY_OF WHERE NOT coalesce(s.voided, false)]-(supporter WHERE NOT coalesce(supporter.voided, false)) WHERE s.until IS NOT NULL AND s.until < d RETURN s.until ORDER BY s.until DESC LIMIT 1 }[0] AS last_ended
RETURN w.id AS id, w.name AS name,
       CASE WHEN w.region_id IS NULL THEN [] ELSE r.path_ids END AS path_ids,
       CASE WHEN w.region_id IS NULL THEN [] ELSE r.path_names END AS path_names,
       {batch: w.batch, destination: w.destination, active_supports: 0, last_support_ended: last_ended} AS details
ORDER BY id
