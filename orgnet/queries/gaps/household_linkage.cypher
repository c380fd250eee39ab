// name: household_linkage
// title: Households with no active link
// description: Households under the region that no party member links on the day. `details.last_link_ended` is
//   the last day of the most recent ended link, if any. Stable order by id; page with `after` = the
//   last id returned.
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
MATCH (r)<-[:LOCATED_IN]-(h:Household WHERE NOT coalesce(h.voided, false))
WHERE ($after IS NULL OR h.id > $after)
  AND NOT EXISTS { (h)<-[l:LINKS WHERE NOT coalesce(l.voided, false)]-(member:PartyMember WHERE NOT coalesce(member.voided, false)) WHERE l.since <= d AND (l.until IS NULL OR d <= l.until) }
WITH d, r, h ORDER BY h.id LIMIT toInteger($limit)
WITH r, h, COLLECT { MATCH (h)<-[l:LINKS WHERE NOT coalesce(l.voided, false)]-(member:PartyMember WHERE NOT coalesce(member.voided, false)) WHERE l.until IS NOT NULL AND l.until < d RETURN l.until ORDER BY l.until DESC LIMIT 1 }[0] AS last_ended
RETURN h.id AS id, h.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {active_links: 0, last_link_ended: last_ended} AS details
ORDER BY id
