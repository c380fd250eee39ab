// name: community_teams
// title: Community teams: coverage timeline per region
// description: Each given community (its own item) and the days on which whether a volunteer team with at least the minimum
//   number of active members is actively deployed there changes.
//   One row per region: `total` items and `events`, the days their coverage changes with the net change in
//   covered items (day 0001-01-01 carries what is covered from the start). Covered on a day = the sum of the
//   deltas of the events on or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py).
// param regions: list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)
// param min_team_size: int[1..10000] = 1 -- Policy: members active on a team for it to count
// returns: region_id, total, events
:params {regions: ["320321-006-022", "320321"], min_team_size: 1};
UNWIND $regions AS rid
MATCH (r:Region {id: rid})
CALL (r) {
  WITH r WHERE r:Village AND r.kind = 'community'
  WITH r AS item
  WITH COLLECT { MATCH (item)<-[dep:DEPLOYED_TO WHERE NOT coalesce(dep.voided, false)]-(t:VolunteerTeam WHERE NOT coalesce(t.voided, false))
                 RETURN {since: dep.since, until: dep.until,
                         ons: COLLECT { MATCH (t)<-[o:ON_TEAM WHERE NOT coalesce(o.voided, false)]-(m:PartyMember WHERE NOT coalesce(m.voided, false)) RETURN {m: m.id, since: o.since, until: o.until} }} } AS deps
  WITH deps, reduce(acc = [date('0001-01-01')], b IN [x IN deps | x.since] + [x IN deps WHERE x.until IS NOT NULL | x.until + duration('P1D')]
                    + reduce(a = [], x IN deps | a + [o IN x.ons | o.since] + [o IN x.ons WHERE o.until IS NOT NULL | o.until + duration('P1D')])
                    | CASE WHEN b IS NULL OR b IN acc THEN acc ELSE acc + [b] END) AS bs
  UNWIND bs AS b
  WITH deps, b, b - duration('P1D') AS p
  WITH b, CASE WHEN any(x IN deps WHERE x.since <= b AND (x.until IS NULL OR b <= x.until) AND size(reduce(acc = [], m IN [o IN x.ons WHERE o.since <= b AND (o.until IS NULL OR b <= o.until) | o.m] | CASE WHEN m IN acc THEN acc ELSE acc + [m] END)) >= $min_team_size) THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0 WHEN any(x IN deps WHERE x.since <= p AND (x.until IS NULL OR p <= x.until) AND size(reduce(acc = [], m IN [o IN x.ons WHERE o.since <= p AND (o.until IS NULL OR p <= o.until) | o.m] | CASE WHEN m IN acc THEN acc ELSE acc + [m] END)) >= $min_team_size) THEN 1 ELSE 0 END AS before
  WHERE now <> before
  WITH b, sum(now - before) AS delta ORDER BY b
  RETURN collect({day: b, delta: delta}) AS events
}
RETURN r.id AS region_id, CASE WHEN r:Village AND r.kind = 'community' THEN 1 ELSE 0 END AS total, events
