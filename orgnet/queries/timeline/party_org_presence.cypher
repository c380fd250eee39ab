// name: party_org_presence
// title: Party organisation presence: coverage timeline per region
// description: Each given village or community (its own item) and whether a party organisation is located there;
//   the rule has no dates, so the only event is day 0001-01-01.
//   One row per region: `total` items and `events`, the days their coverage changes with the net change in
//   covered items (day 0001-01-01 carries what is covered from the start). Covered on a day = the sum of the
//   deltas of the events on or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py).
// param regions: list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)
// returns: region_id, total, events
:params {regions: ["320321-006-022", "320321"]};
UNWIND $regions AS rid
MATCH (r:Region {id: rid})
RETURN r.id AS region_id, CASE WHEN r:Village THEN 1 ELSE 0 END AS total,
       CASE WHEN r:Village AND EXISTS { (r)<-[:LOCATED_IN]-(org:PartyOrg WHERE NOT coalesce(org.voided, false)) } THEN [{day: date('0001-01-01'), delta: 1}] ELSE [] END AS events
