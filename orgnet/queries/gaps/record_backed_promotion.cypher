// name: record_backed_promotion
// title: Promotions without a frontline record before them
// description: Recognitions of the policy's kinds of cadres under the region with no frontline record entry of
//   the cadre dated before them. Stable order by id; page with `after` = the last id returned.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param after: string = null -- Return items with an id greater than this (cursor; null: from the start)
// param limit: int[1..10000] = 50 -- Maximum number of items returned
// param backed_kinds: list<string> = ["promoted", "excellent_assessment"] -- Policy: kinds of recognition a frontline record must back
// param regions: list<string> = null -- Only items located in these regions (null: all); the API passes the regions whose stored coverage summaries show a gap on the day
// returns: id, name, path_ids, path_names, details
// personal: name
:params {region: "320300", after: null, limit: 50, backed_kinds: ["promoted", "excellent_assessment"], regions: null};
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
MATCH (r)<-[:LOCATED_IN]-(rec:Recognition WHERE NOT coalesce(rec.voided, false))-[:RECOGNISES]->(c:Cadre WHERE NOT coalesce(c.voided, false))
WHERE rec.kind IN $backed_kinds AND ($after IS NULL OR rec.id > $after) AND NOT EXISTS { (c)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) WHERE fr.date < rec.date }
WITH r, rec, c ORDER BY rec.id LIMIT toInteger($limit)
RETURN rec.id AS id, c.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {kind: rec.kind, date: toString(rec.date),
        first_record_on: toString(COLLECT { MATCH (c)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) RETURN fr.date ORDER BY fr.date LIMIT 1 }[0])} AS details
ORDER BY id
