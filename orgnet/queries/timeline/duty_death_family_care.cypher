// name: duty_death_family_care
// title: Duty-death family care: coverage timeline per region
// description: Those who died on duty whose family lives in each given region, and the days on which whether
//   the family has an active care contact and a care payment changes.
//   One row per region: `total` items and `events`, the days their coverage changes with the net change in
//   covered items (day 0001-01-01 carries what is covered from the start). Covered on a day = the sum of the
//   deltas of the events on or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py).
// param regions: list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)
// returns: region_id, total, events
:params {regions: ["320321-006-022", "320321"]};
UNWIND $regions AS rid
MATCH (r:Region {id: rid})
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(dd:DutyDeath WHERE NOT coalesce(dd.voided, false))
  RETURN count(dd) AS total,
         collect({id: dd.id, cs: COLLECT { MATCH (dd)<-[c:CARES_FOR WHERE NOT coalesce(c.voided, false)]-(s WHERE NOT coalesce(s.voided, false)) RETURN {since: c.since, until: c.until} },
                  pays: COLLECT { MATCH (p:CarePayment WHERE NOT coalesce(p.voided, false))-[:PAID_TO]->(dd) RETURN p.date }}) AS items
}
CALL (items) {
  UNWIND items AS it
  UNWIND [date('0001-01-01')] + [x IN it.cs | x.since] + [x IN it.cs WHERE x.until IS NOT NULL | x.until + duration('P1D')] + it.pays AS b
  WITH DISTINCT it, b
  WITH it, b, b - duration('P1D') AS p
  WITH b, CASE WHEN any(x IN it.cs WHERE x.since <= b AND (x.until IS NULL OR b <= x.until)) AND any(y IN it.pays WHERE y <= b) THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0
            WHEN any(x IN it.cs WHERE x.since <= p AND (x.until IS NULL OR p <= x.until)) AND any(y IN it.pays WHERE y <= p) THEN 1 ELSE 0 END AS before
  WHERE now <> before
  WITH b, sum(now - before) AS delta ORDER BY b
  RETURN collect({day: b, delta: delta}) AS events
}
RETURN r.id AS region_id, total, events
