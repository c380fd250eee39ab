// name: household_linkage
// title: Household linkage (10x10): coverage timeline per region
// description: Households located in each given region and the days their linkage changes.
//   One row per region: `total` items and `events`, the days their coverage changes with the net change in
//   covered items (day 0001-01-01 carries what is covered from the start). Covered on a day = the sum of the
//   deltas of the events on or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py).
// param regions: list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)
// returns: region_id, total, events
:params {regions: ["320321-006-022", "320321"]};
UNWIND $regions AS rid
MATCH (r:Region {id: rid})
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(h:Household WHERE NOT coalesce(h.voided, false))
  WITH h, COLLECT { MATCH (h)<-[l:LINKS WHERE NOT coalesce(l.voided, false)]-(member:PartyMember WHERE NOT coalesce(member.voided, false)) RETURN {since: l.since, until: l.until} } AS ls
  WITH ls, reduce(acc = [date('0001-01-01')], b IN [x IN ls | x.since] + [x IN ls WHERE x.until IS NOT NULL | x.until + duration('P1D')] | CASE WHEN b IS NULL OR b IN acc THEN acc ELSE acc + [b] END) AS bs
  UNWIND bs AS b
  WITH ls, b, b - duration('P1D') AS p
  WITH b, CASE WHEN any(l IN ls WHERE l.since <= b AND (l.until IS NULL OR b <= l.until)) THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0 WHEN any(l IN ls WHERE l.since <= p AND (l.until IS NULL OR p <= l.until)) THEN 1 ELSE 0 END AS before
  WHERE now <> before
  WITH b, sum(now - before) AS delta ORDER BY b
  RETURN collect({day: b, delta: delta}) AS events
}
RETURN r.id AS region_id, COUNT { (r)<-[:LOCATED_IN]-(household:Household WHERE NOT coalesce(household.voided, false)) } AS total, events
