// name: application_followup
// title: Application follow-up: coverage timeline per region
// description: Frontline Party applications made in each given region: covered from the start, and uncovered
//   from the day after the policy's days when they were not decided within them.
//   One row per region: `total` items and `events`, the days their coverage changes with the net change in
//   covered items (day 0001-01-01 carries what is covered from the start). Covered on a day = the sum of the
//   deltas of the events on or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py).
// param regions: list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)
// param followup_days: int[1..3650] = 30 -- Policy: days within which a frontline application is decided
// returns: region_id, total, events
:params {regions: ["320321-006-022", "320321"], followup_days: 30};
UNWIND $regions AS rid
MATCH (r:Region {id: rid})
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(a:PartyApplication {at_front: true} WHERE NOT coalesce(a.voided, false))
  WITH a, a.submitted_on + duration({days: $followup_days}) AS deadline
  RETURN count(a) AS total, collect(CASE WHEN coalesce(a.activist_on, a.probationary_on, a.full_member_on, a.declined_on) IS NULL OR coalesce(a.activist_on, a.probationary_on, a.full_member_on, a.declined_on) > deadline THEN deadline + duration('P1D') END) AS lapses
}
CALL (total, lapses) {
  UNWIND [{b: date('0001-01-01'), delta: total}] + [x IN lapses | {b: x, delta: -1}] AS e
  WITH e WHERE e.delta <> 0
  WITH e.b AS b, sum(e.delta) AS delta ORDER BY b
  RETURN collect({day: b, delta: delta}) AS events
}
RETURN r.id AS region_id, total, events
