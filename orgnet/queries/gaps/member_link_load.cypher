// name: member_link_load
// title: Rural members off the household-link target
// description: Rural party members in the scheme living under the region whose active links on the day are not
//   exactly the target. Stable order by id; page with `after` = the last id returned.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param after: string = null -- Return items with an id greater than this (cursor; null: from the start)
// param limit: int[1..10000] = 50 -- Maximum number of items returned
// param member_link_target: int[1..1000] = 10 -- Policy: households a rural member must actively link, exactly
// param regions: list<string> = null -- Only items located in these regions (null: all); the API passes the regions whose stored coverage summaries show a gap on the day
// returns: id, name, path_ids, path_names, details
// personal: name
:params {region: "320300", as_of: null, after: null, limit: 50, member_link_target: 10, regions: null};
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
MATCH (r)<-[:LIVES_IN]-(m:PartyMember {rural: true} WHERE NOT coalesce(m.voided, false))
WHERE $after IS NULL OR m.id > $after
WITH r, m, COUNT { MATCH (m)-[l:LINKS WHERE NOT coalesce(l.voided, false)]->(h:Household WHERE NOT coalesce(h.voided, false)) WHERE l.since <= d AND (l.until IS NULL OR d <= l.until) RETURN DISTINCT h } AS links
WHERE links <> $member_link_target
WITH r, m, links ORDER BY m.id LIMIT toInteger($limit)
RETURN m.id AS id, m.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {active_links: links, target: $member_link_target} AS details
ORDER BY id
