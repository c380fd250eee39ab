// name: gap_regions
// title: Regions with gaps on a day, from the stored summaries
// description: Regions under the region (itself included) whose own items (located there, not below) are not all
//   covered on the day, by the stored coverage summaries, in id order. The API runs gaps/<metric> on these
//   regions only; `uncovered` is the number of uncovered items under the region (the gap list's total).
//   `fresh` is false (and `ids` empty) when the summaries are stale, missing or were computed under
//   another policy. `items` is the number of items located in those regions (what a query restricted to them
//   visits).
// param metric: string = "household_linkage" -- Metric name
// param region: string = "320300" -- Region id whose subtree is searched (default: Xuzhou city)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param policy: string = null -- Fingerprint of the policy the summaries must have been computed under (null: any)
// returns: fresh, ids, uncovered, items
:params {metric: "household_linkage", region: "320300", as_of: null, policy: null};
OPTIONAL MATCH (st:CoverageSummaryState {id: $metric})
WHERE st.stale = false AND ($policy IS NULL OR st.policy = $policy)
WITH st, coalesce(date($as_of), date()) AS d
CALL (st, d) {
  WITH d WHERE st IS NOT NULL
  UNWIND ['nation', 'province', 'city', 'county', 'town', 'village'] AS lvl
  CALL (lvl) {
    MATCH (s:CoverageSummary {id: $metric + ':' + $region}) WHERE s.level = lvl RETURN s
    UNION
    MATCH (r:Region) WHERE r.nation_id = $region AND r.level = lvl MATCH (s:CoverageSummary {id: $metric + ':' + r.id}) RETURN s
    UNION
    MATCH (r:Region) WHERE r.province_id = $region AND r.level = lvl MATCH (s:CoverageSummary {id: $metric + ':' + r.id}) RETURN s
    UNION
    MATCH (s:CoverageSummary) WHERE s.metric = $metric AND s.level = lvl AND s.city_id = $region RETURN s
    UNION
    MATCH (s:CoverageSummary) WHERE s.metric = $metric AND s.level = lvl AND s.county_id = $region RETURN s
    UNION
    MATCH (s:CoverageSummary) WHERE s.metric = $metric AND s.level = lvl AND s.town_id = $region RETURN s
  }
  WITH s, CASE WHEN s.own_total_days IS NULL THEN s.own_total ELSE coalesce(last([i IN range(0, size(s.own_total_days) - 1) WHERE s.own_total_days[i] <= d | s.own_totals[i]]), 0) END AS own_total
  WITH s, own_total WHERE own_total > 0
  WITH s, own_total, own_total - coalesce(last([i IN range(0, size(s.own_days) - 1) WHERE s.own_days[i] <= d | s.own_covered[i]]), 0) AS uncovered
  WHERE uncovered > 0
  WITH s, own_total ORDER BY s.region_id
  RETURN collect(s.region_id) AS ids, sum(own_total) AS items
}
OPTIONAL MATCH (sx:CoverageSummary {id: $metric + ':' + $region})
RETURN st IS NOT NULL AS fresh, ids,
       CASE WHEN sx.total_days IS NULL THEN sx.total ELSE coalesce(last([i IN range(0, size(sx.total_days) - 1) WHERE sx.total_days[i] <= d | sx.totals[i]]), 0) END - coalesce(last([i IN range(0, coalesce(size(sx.days), 0) - 1) WHERE sx.days[i] <= d | sx.covered[i]]), 0) AS uncovered,
       items
