// name: central_household_size
// title: Central households off the member target
// description: Central households under the region whose number of members is not exactly the target. Stable
//   order by id; page with `after` = the last id returned.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param after: string = null -- Return items with an id greater than this (cursor; null: from the start)
// param limit: int[1..10000] = 50 -- Maximum number of items returned
// param central_household_target: int[1..1000] = 10 -- Policy: members a central household must have, exactly
// param regions: list<string> = null -- Only items located in these regions (null: all); the API passes the regions whose stored coverage summaries show a gap on the day
// returns: id, name, path_ids, path_names, details
:params {region: "320300", after: null, limit: 50, central_household_target: 10, regions: null};
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
MATCH (r)<-[:LOCATED_IN]-(ch:CentralHousehold WHERE NOT coalesce(ch.voided, false))
WHERE $after IS NULL OR ch.id > $after
WITH r, ch, COUNT { (ch)<-[:IN_CENTRAL_HOUSEHOLD]-(member:PartyMember WHERE NOT coalesce(member.voided, false)) } AS members
WHERE members <> $central_household_target
WITH r, ch, members ORDER BY ch.id LIMIT toInteger($limit)
RETURN ch.id AS id, null AS name, r.path_ids AS path_ids, r.path_names AS path_names, {members: members, target: $central_household_target} AS details
ORDER BY id
