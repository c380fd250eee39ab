// name: party_org_presence
// title: Villages and communities without a party organisation
// description: Village-level units (villages and communities) under the region where no party organisation is
//   located. Stable order by id; page with `after` = the last id returned.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param after: string = null -- Return items with an id greater than this (cursor; null: from the start)
// param limit: int[1..10000] = 50 -- Maximum number of items returned
// param regions: list<string> = null -- Only items located in these regions (null: all); the API passes the regions whose stored coverage summaries show a gap on the day
// returns: id, name, path_ids, path_names, details
:params {region: "320300", after: null, limit: 50, regions: null};
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
WITH *
WHERE r:Village AND ($after IS NULL OR r.id > $after)
  AND NOT EXISTS { (r)<-[:LOCATED_IN]-(org:PartyOrg WHERE NOT coalesce(org.voided, false)) }
WITH r ORDER BY r.id LIMIT toInteger($limit)
RETURN r.id AS id, r.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {kind: r.kind, party_orgs: 0} AS details
ORDER BY id
