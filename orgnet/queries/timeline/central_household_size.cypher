// name: central_household_size
// title: Central household size: coverage timeline per region
// description: Central households located in each given region and whether they have exactly the target number of
//   members; the rule has no dates, so the only event is day 0001-01-01.
//   One row per region: `total` items and `events`, the days their coverage changes with the net change in
//   covered items (day 0001-01-01 carries what is covered from the start). Covered on a day = the sum of the
//   deltas of the events on or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py).
// param regions: list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)
// param central_household_target: int[1..1000] = 10 -- Policy: members a central household must have, exactly
// returns: region_id, total, events
:params {regions: ["320321-006-022", "320321"], central_household_target: 10};
UNWIND $regions AS rid
MATCH (r:Region {id: rid})
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(ch:CentralHousehold WHERE NOT coalesce(ch.voided, false))
  RETURN count(ch) AS total, count(CASE WHEN COUNT { (ch)<-[:IN_CENTRAL_HOUSEHOLD]-(member:PartyMember WHERE NOT coalesce(member.voided, false)) } = $central_household_target THEN 1 END) AS covered
}
RETURN r.id AS region_id, total, CASE WHEN covered > 0 THEN [{day: date('0001-01-01'), delta: covered}] ELSE [] END AS events
