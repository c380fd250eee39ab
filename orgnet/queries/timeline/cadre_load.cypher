// name: cadre_load
// title: Cadre load: coverage timeline per region
// description: Cadres serving in each given region and the days on which whether their active pairings are within
//   the policy maximum for their level changes.
//   One row per region: `total` items and `events`, the days their coverage changes with the net change in
//   covered items (day 0001-01-01 carries what is covered from the start). Covered on a day = the sum of the
//   deltas of the events on or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py).
// param regions: list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)
// param max_city: int[0..1000000] = 5 -- Policy: maximum active pairings of a city-level cadre
// param max_county: int[0..1000000] = 8 -- Policy: maximum active pairings of a county-level cadre
// param max_town: int[0..1000000] = 10 -- Policy: maximum active pairings of a town-level cadre
// param max_village: int[0..1000000] = 6 -- Policy: maximum active pairings of a village-level cadre
// returns: region_id, total, events
:params {regions: ["320321-006-022", "320321"], max_city: 5, max_county: 8, max_town: 10, max_village: 6};
UNWIND $regions AS rid
MATCH (r:Region {id: rid})
CALL (r) {
  MATCH (r)<-[:SERVES_IN]-(c:Cadre WHERE NOT coalesce(c.voided, false))
  WITH CASE c.level WHEN 'city' THEN $max_city WHEN 'county' THEN $max_county WHEN 'town' THEN $max_town WHEN 'village' THEN $max_village END AS maximum,
       COLLECT { MATCH (c)-[x:PAIRED_WITH WHERE NOT coalesce(x.voided, false)]->(enterprise:Enterprise WHERE NOT coalesce(enterprise.voided, false)) RETURN {since: x.since, until: x.until} } AS ps
  WITH maximum, ps, reduce(acc = [date('0001-01-01')], b IN [x IN ps | x.since] + [x IN ps WHERE x.until IS NOT NULL | x.until + duration('P1D')] | CASE WHEN b IS NULL OR b IN acc THEN acc ELSE acc + [b] END) AS bs
  UNWIND bs AS b
  WITH maximum, ps, b, b - duration('P1D') AS p
  WITH b, CASE WHEN size([x IN ps WHERE x.since <= b AND (x.until IS NULL OR b <= x.until)]) <= maximum THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0 WHEN size([x IN ps WHERE x.since <= p AND (x.until IS NULL OR p <= x.until)]) <= maximum THEN 1 ELSE 0 END AS before
  WHERE now <> before
  WITH b, sum(now - before) AS delta ORDER BY b
  RETURN collect({day: b, delta: delta}) AS events
}
RETURN r.id AS region_id, COUNT { (r)<-[:SERVES_IN]-(cadre:Cadre WHERE NOT coalesce(cadre.voided, false)) } AS total, events
