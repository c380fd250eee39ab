// name: record_backed_promotion
// title: Record-backed promotions: coverage timeline per region
// description: Recognitions of the policy's kinds located in each given region and whether a frontline record
//   backs them; the rule compares the records' dates with the recognition's, not with the day, so the
//   only event is day 0001-01-01.
//   One row per region: `total` items and `events`, the days their coverage changes with the net change in
//   covered items (day 0001-01-01 carries what is covered from the start). Covered on a day = the sum of the
//   deltas of the events on or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py).
// param regions: list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)
// param backed_kinds: list<string> = ["promoted", "excellent_assessment"] -- Policy: kinds of recognition a frontline record must back
// returns: region_id, total, events
:params {regions: ["320321-006-022", "320321"], backed_kinds: ["promoted", "excellent_assessment"]};
UNWIND $regions AS rid
MATCH (r:Region {id: rid})
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(rec:Recognition WHERE NOT coalesce(rec.voided, false))-[:RECOGNISES]->(c:Cadre WHERE NOT coalesce(c.voided, false))
  WHERE rec.kind IN $backed_kinds
  RETURN count(rec) AS total, count(CASE WHEN EXISTS { (c)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) WHERE fr.date < rec.date } THEN 1 END) AS covered
}
RETURN r.id AS region_id, total, CASE WHEN covered > 0 THEN [{day: date('0001-01-01'), delta: covered}] ELSE [] END AS events
