// name: member_link_load
// title: Member linkage load: coverage timeline per region
// description: Rural party members living in each given region and the days on which whether they link exactly the
//   target number of households changes.
//   One row per region: `total` items and `events`, the days their coverage changes with the net change in
//   covered items (day 0001-01-01 carries what is covered from the start). Covered on a day = the sum of the
//   deltas of the events on or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py).
// param regions: list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)
// param member_link_target: int[1..1000] = 10 -- Policy: households a rural member must actively link, exactly
// returns: region_id, total, events
:params {regions: ["320321-006-022", "320321"], member_link_target: 10};
UNWIND $regions AS rid
MATCH (r:Region {id: rid})
CALL (r) {
  MATCH (r)<-[:LIVES_IN]-(m:PartyMember {rural: true} WHERE NOT coalesce(m.voided, false))
  WITH m, COLLECT { MATCH (m)-[l:LINKS WHERE NOT coalesce(l.voided, false)]->(h:Household WHERE NOT coalesce(h.voided, false)) RETURN {h: h.id, since: l.since, until: l.until} } AS ls
  WITH ls, reduce(acc = [date('0001-01-01')], b IN [x IN ls | x.since] + [x IN ls WHERE x.until IS NOT NULL | x.until + duration('P1D')] | CASE WHEN b IS NULL OR b IN acc THEN acc ELSE acc + [b] END) AS bs
  UNWIND bs AS b
  WITH ls, b, b - duration('P1D') AS p
  WITH b, CASE WHEN size(reduce(acc = [], x IN [l IN ls WHERE l.since <= b AND (l.until IS NULL OR b <= l.until) | l.h] | CASE WHEN x IN acc THEN acc ELSE acc + [x] END)) = $member_link_target THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0 WHEN size(reduce(acc = [], x IN [l IN ls WHERE l.since <= p AND (l.until IS NULL OR p <= l.until) | l.h] | CASE WHEN x IN acc THEN acc ELSE acc + [x] END)) = $member_link_target THEN 1 ELSE 0 END AS before
  WHERE now <> before
  WITH b, sum(now - before) AS delta ORDER BY b
  RETURN collect({day: b, delta: delta}) AS events
}
RETURN r.id AS region_id, COUNT { (r)<-[:LIVES_IN]-(member:PartyMember {rural: true} WHERE NOT coalesce(member.voided, false)) } AS total, events
