// name: medical_family_support
// title: Medical family support: coverage timeline per region
// description: Medical workers whose family lives in each given region (for a city: also those with no family
//   region) and the days on which whether they have an active support contact changes.
//   One row per region: `total` items and `events`, the days their coverage changes with the net change in
//   covered items (day 0001-01-01 carries what is covered from the start). Covered on a day = the sum of the
//   deltas of the events on or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py).
// param regions: list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)
// returns: region_id, total, events
:params {regions: ["320321-006-022", "320321"]};
UNWIND $regions AS rid
MATCH (r:Region {id: rid})
CALL (r) {
  CALL (r) {
    MATCH (w:MedicalWorker {region_id: r.id} WHERE NOT coalesce(w.voided, false)) RETURN w
    UNION
    // workers with no family region: the city's
    WITH r WHERE r:City
    MATCH (w:MedicalWorker WHERE NOT coalesce(w.voided, false)) WHERE w.region_id IS NULL RETURN w
  }
  WITH w, COLLECT { MATCH (w)<-[s:SUPPORTS_FAMILY_OF WHERE NOT coalesce(s.voided, false)]-(supporter WHERE NOT coalesce(supporter.voided, false)) RETURN {since: s.since, until: s.until} } AS ss
  RETURN count(w) AS total, collect(ss) AS supports
}
CALL (supports) {
  UNWIND supports AS ss
  WITH ss, reduce(acc = [date('0001-01-01')], b IN [x IN ss | x.since] + [x IN ss WHERE x.until IS NOT NULL | x.until + duration('P1D')] | CASE WHEN b IS NULL OR b IN acc THEN acc ELSE acc + [b] END) AS bs
  UNWIND bs AS b
  WITH ss, b, b - duration('P1D') AS p
  WITH b, CASE WHEN any(x IN ss WHERE x.since <= b AND (x.until IS NULL OR b <= x.until)) THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0 WHEN any(x IN ss WHERE x.since <= p AND (x.until IS NULL OR p <= x.until)) THEN 1 ELSE 0 END AS before
  WHERE now <> before
  WITH b, sum(now - before) AS delta ORDER BY b
  RETURN collect({day: b, delta: delta}) AS events
}
RETURN r.id AS region_id, total, events
