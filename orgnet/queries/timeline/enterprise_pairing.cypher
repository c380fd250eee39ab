// name: enterprise_pairing
// title: Enterprise pairing: coverage timeline per region
// description: Enterprises located in each given region and the days on which whether every cadre level the policy
//   requires for their kind is actively paired, within jurisdiction, changes.
//   One row per region: `total` items and `events`, the days their coverage changes with the net change in
//   covered items (day 0001-01-01 carries what is covered from the start). Covered on a day = the sum of the
//   deltas of the events on or before it. orgnet stores these as coverage summaries (orgnet/coverage/summaries.py).
// param regions: list<string> = ["320321-006-022", "320321"] -- Regions whose own items are summarised (items located in the region itself, not below it)
// param required_city_owned: list<string> = ["city", "county", "town"] -- Policy: cadre levels a city-owned enterprise needs
// param required_non_public: list<string> = ["county", "town"] -- Policy: cadre levels a non-public enterprise needs
// param required_talent: list<string> = ["city", "town"] -- Policy: cadre levels a talent enterprise needs
// returns: region_id, total, events
:params {regions: ["320321-006-022", "320321"], required_city_owned: ["city", "county", "town"], required_non_public: ["county", "town"], required_talent: ["city", "town"]};
UNWIND $regions AS rid
MATCH (r:Region {id: rid})
CALL (r) {
  MATCH (r)<-[:LOCATED_IN]-(e:Enterprise WHERE NOT coalesce(e.voided, false))
  // only pairings with a cadre whose jurisdiction contains the enterprise can cover it
  WITH e, CASE e.kind WHEN 'city_owned' THEN $required_city_owned WHEN 'non_public' THEN $required_non_public WHEN 'talent' THEN $required_talent ELSE [] END AS req,
       COLLECT { MATCH (e)<-[p:PAIRED_WITH WHERE NOT coalesce(p.voided, false)]-(c:Cadre WHERE NOT coalesce(c.voided, false))
                 WHERE c.region_id = CASE c.level WHEN 'nation' THEN r.nation_id WHEN 'province' THEN r.province_id WHEN 'city' THEN r.city_id WHEN 'county' THEN r.county_id WHEN 'town' THEN r.town_id WHEN 'village' THEN r.village_id END
                 RETURN {level: c.level, since: p.since, until: p.until} } AS ps
  WITH req, ps, reduce(acc = [date('0001-01-01')], b IN [x IN ps | x.since] + [x IN ps WHERE x.until IS NOT NULL | x.until + duration('P1D')] | CASE WHEN b IS NULL OR b IN acc THEN acc ELSE acc + [b] END) AS bs
  UNWIND bs AS b
  WITH req, ps, b, b - duration('P1D') AS p
  WITH b, CASE WHEN all(lvl IN req WHERE any(x IN ps WHERE x.level = lvl AND x.since <= b AND (x.until IS NULL OR b <= x.until))) THEN 1 ELSE 0 END AS now,
       CASE WHEN b = date('0001-01-01') THEN 0 WHEN all(lvl IN req WHERE any(x IN ps WHERE x.level = lvl AND x.since <= p AND (x.until IS NULL OR p <= x.until))) THEN 1 ELSE 0 END AS before
  WHERE now <> before
  WITH b, sum(now - before) AS delta ORDER BY b
  RETURN collect({day: b, delta: delta}) AS events
}
RETURN r.id AS region_id, COUNT { (r)<-[:LOCATED_IN]-(enterprise:Enterprise WHERE NOT coalesce(enterprise.voided, false)) } AS total, events
