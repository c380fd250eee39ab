// name: duty_death_family_care
// title: Families of those who died on duty without care
// description: Those who died on duty whose family, under the region, has no active care contact or no care
//   payment on the day. Stable order by id; page with `after` = the last id returned.
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
MATCH (r)<-[:LOCATED_IN]-(dd:DutyDeath WHERE NOT coalesce(dd.voided, false))
WHERE ($after IS NULL OR dd.id > $after) AND NOT (EXISTS { (dd)<-[c:CARES_FOR WHERE NOT coalesce(c.voided, false)]-(s WHERE NOT coalesce(s.voided, false)) WHERE c.since <= d AND (c.until IS NULL OR d <= c.until) } AND EXISTS { (p:CarePayment WHERE NOT coalesce(p.voided, false))-[:PAID_TO]->(dd) WHERE p.date <= d })
WITH d, r, dd ORDER BY dd.id LIMIT toInteger($limit)
OPTIONAL MATCH (dd)-[:DEATH_OF]->(person)
RETURN dd.id AS id, person.name AS name, r.path_ids AS path_ids, r.path_names AS path_names,
       {died_on: toString(dd.date), person_type: dd.person_type,
        active_contacts: COUNT { (dd)<-[c:CARES_FOR WHERE NOT coalesce(c.voided, false)]-(s WHERE NOT coalesce(s.voided, false)) WHERE c.since <= d AND (c.until IS NULL OR d <= c.until) },
        payments: COUNT { (p:CarePayment WHERE NOT coalesce(p.voided, false))-[:PAID_TO]->(dd) WHERE p.date <= d }} AS details
ORDER BY id
