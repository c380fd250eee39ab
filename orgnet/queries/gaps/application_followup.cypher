// name: application_followup
// title: Frontline Party applications not decided in time
// description: Party applications made at the front under the region that, on the day, are past the policy's
//   days and were not decided within them. Stable order by id; page with `after` = the last id returned.
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param after: string = null -- Return items with an id greater than this (cursor; null: from the start)
// param limit: int[1..10000] = 50 -- Maximum number of items returned
// param followup_days: int[1..3650] = 30 -- Policy: days within which a frontline application is decided
// param regions: list<string> = null -- Only items located in these regions (null: all); the API passes the regions whose stored coverage summaries show a gap on the day
// returns: id, name, path_ids, path_names, details
// personal: name
:params {region: "320300", as_of: null, after: null, limit: 50, followup_days: 30, regions: null};
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
MATCH (r)<-[:LOCATED_IN]-(a:PartyApplication {at_front: true} WHERE NOT coalesce(a.voided, false))
WHERE ($after IS NULL OR a.id > $after) AND NOT (d <= a.submitted_on + duration({days: $followup_days}) OR coalesce(coalesce(a.activist_on, a.probationary_on, a.full_member_on, a.declined_on) <= a.submitted_on + duration({days: $followup_days}), false))
WITH d, r, a ORDER BY a.id LIMIT toInteger($limit)
OPTIONAL MATCH (a)-[:APPLIED_BY]->(person)
RETURN a.id AS id, person.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {applicant_type: a.applicant_type, submitted_on: toString(a.submitted_on), decided_on: toString(coalesce(a.activist_on, a.probationary_on, a.full_member_on, a.declined_on)), followup_days: $followup_days} AS details
ORDER BY id
