// name: hotspots
// title: Regions with the most gaps, from the stored summaries
// description: Regions at a level under the region, ranked by uncovered items on the day (most first), then by
//   coverage ratio (lowest first; no items last), then id; the first `limit` of them with their paths.
//   `fresh` is false (and `items` empty) when the summaries are stale, missing or were computed under
//   another policy (the API then ranks the rows of coverage/<metric>).
// param metric: string = "household_linkage" -- Metric name
// param region: string = "320300" -- Region id whose subtree is ranked (default: Xuzhou city)
// param level: string = "village" -- Level of the ranked regions: province, city, county, town or village (below the region's)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param policy: string = null -- Fingerprint of the policy the summaries must have been computed under (null: any)
// param limit: int[1..10000] = 20 -- How many regions
// returns: fresh, items
:params {metric: "household_linkage", region: "320300", level: "village", as_of: null, policy: null, limit: 20};
OPTIONAL MATCH (st:CoverageSummaryState {id: $metric})
WHERE st.stale = false AND ($policy IS NULL OR st.policy = $policy)
WITH st, coalesce(date($as_of), date()) AS d
CALL (st, d) {
  WITH d WHERE st IS NOT NULL
  CALL () {
    MATCH (s:CoverageSummary {id: $metric + ':' + $region}) WHERE s.level = $level RETURN s
    UNION
    MATCH (r:Region) WHERE r.nation_id = $region AND r.level = $level MATCH (s:CoverageSummary {id: $metric + ':' + r.id}) RETURN s
    UNION
    MATCH (r:Region) WHERE r.province_id = $region AND r.level = $level MATCH (s:CoverageSummary {id: $metric + ':' + r.id}) RETURN s
    UNION
    MATCH (s:CoverageSummary) WHERE s.metric = $metric AND s.level = $level AND s.city_id = $region RETURN s
    UNION
    MATCH (s:CoverageSummary) WHERE s.metric = $metric AND s.level = $level AND s.county_id = $region RETURN s
    UNION
    MATCH (s:CoverageSummary) WHERE s.metric = $metric AND s.level = $level AND s.town_id = $region RETURN s
  }
  WITH s, coalesce(last([i IN range(0, size(s.days) - 1) WHERE s.days[i] <= d | s.covered[i]]), 0) AS covered,
       CASE WHEN s.total_days IS NULL THEN s.total ELSE coalesce(last([i IN range(0, size(s.total_days) - 1) WHERE s.total_days[i] <= d | s.totals[i]]), 0) END AS total
  WITH s, covered, total, total - covered AS uncovered, CASE WHEN total = 0 THEN 2.0 ELSE round(toFloat(covered) / total, 6) END AS rank_ratio
  ORDER BY uncovered DESC, rank_ratio ASC, s.region_id ASC
  LIMIT toInteger($limit)
  MATCH (g:Region {id: s.region_id})
  RETURN collect({id: g.id, name: g.name, covered: covered, total: total, path_ids: g.path_ids, path_names: g.path_names, policy: s.policy}) AS items
}
RETURN st IS NOT NULL AS fresh, items
