// name: community_funding
// title: Community funding: coverage timeline per region
// description: Each given community (its own item) and the days on which whether its allocations from the counted
//   funds reach the per-community standard changes.
//   One row per region: `total` items and `events`, the days their coverage changes with the net change in
//   covered items (day 0001-01-01 carries what is covered from the start). Covered on a day = the sum of the
//   deltas of the events on or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py).
// param regions: list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)
// param funding_standard: float[0..1e15] = 50000.0 -- Policy: per-community funding standard (CNY)
// param funding_funds: list<string> = ["community_standard"] -- Policy: funds whose allocations count
// returns: region_id, total, events
:params {regions: ["320321-006-022", "320321"], funding_standard: 50000.0, funding_funds: ["community_standard"]};
UNWIND $regions AS rid
MATCH (r:Region {id: rid})
CALL (r) {
  WITH r WHERE r:Village AND r.kind = 'community'
  WITH COLLECT { MATCH (a:Allocation WHERE NOT coalesce(a.voided, false))-[:TO]->(r) WHERE a.fund IN $funding_funds RETURN {day: a.date, amount: a.amount} } AS al
  WITH al, reduce(acc = [date('0001-01-01')], b IN [x IN al | x.day] | CASE WHEN b IS NULL OR b IN acc THEN acc ELSE acc + [b] END) AS bs
  UNWIND bs AS b
  WITH al, b, b - duration('P1D') AS p
  WITH b, CASE WHEN reduce(s = 0.0, x IN al | s + CASE WHEN x.day <= b THEN x.amount ELSE 0.0 END) + 0.005 >= $funding_standard THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0 WHEN reduce(s = 0.0, x IN al | s + CASE WHEN x.day <= p THEN x.amount ELSE 0.0 END) + 0.005 >= $funding_standard THEN 1 ELSE 0 END AS before
  WHERE now <> before
  WITH b, sum(now - before) AS delta ORDER BY b
  RETURN collect({day: b, delta: delta}) AS events
}
RETURN r.id AS region_id, CASE WHEN r:Village AND r.kind = 'community' THEN 1 ELSE 0 END AS total, events
