// name: rollup
// title: Coverage rollup from the stored summaries
// description: The same rows as coverage/<metric> (one `region` row, then one `group` row per region at the group
//   level, in id order, zeros included), read from the coverage summaries orgnet stores for every region
//   instead of visiting every item: covered (total) on the day is the stored step function's value on that day
//   (`total` alone: a summary received through the exchange, whose population does not change).
//   Returns no rows when the metric's summaries are stale or were computed under another policy
//   (the API then runs coverage/<metric>). `policy`: the fingerprint of the policy the row's figures were computed
//   under, or "mixed" above regions with different policies (`policies` lists them).
// param metric: string = "household_linkage" -- Metric name
// param region: string = "320300" -- Region id (default: Xuzhou city)
// param group_level: string = null -- Level of the group rows: province, city, county, town or village (null: one level below the region)
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param policy: string = null -- Fingerprint of the policy the summaries must have been computed under (null: any)
// returns: scope, id, name, level, covered, total, policy, policies
:params {metric: "household_linkage", region: "320300", group_level: null, as_of: null, policy: null};
MATCH (st:CoverageSummaryState {id: $metric})
WHERE st.stale = false AND ($policy IS NULL OR st.policy = $policy)
MATCH (x:Region {id: $region})
MATCH (sx:CoverageSummary {id: $metric + ':' + $region})
WITH x, sx, coalesce(date($as_of), date()) AS d,
     coalesce($group_level, CASE x.level WHEN 'nation' THEN 'province' WHEN 'province' THEN 'city' WHEN 'city' THEN 'county' WHEN 'county' THEN 'town' WHEN 'town' THEN 'village' END) AS gl
CALL (x, d, gl) {
  // the regions at the group level under x: one index seek per ancestor field (metric, level, *_id)
  CALL (x, gl) {
    MATCH (s:CoverageSummary {id: $metric + ':' + x.id}) WHERE s.level = gl RETURN s
    UNION
    MATCH (r:Region) WHERE r.nation_id = x.id AND r.level = gl MATCH (s:CoverageSummary {id: $metric + ':' + r.id}) RETURN s
    UNION
    MATCH (r:Region) WHERE r.province_id = x.id AND r.level = gl MATCH (s:CoverageSummary {id: $metric + ':' + r.id}) RETURN s
    UNION
    MATCH (s:CoverageSummary) WHERE s.metric = $metric AND s.level = gl AND s.city_id = x.id RETURN s
    UNION
    MATCH (s:CoverageSummary) WHERE s.metric = $metric AND s.level = gl AND s.county_id = x.id RETURN s
    UNION
    MATCH (s:CoverageSummary) WHERE s.metric = $metric AND s.level = gl AND s.town_id = x.id RETURN s
  }
  MATCH (g:Region {id: s.region_id})
  WITH g, s ORDER BY g.id
  RETURN collect({scope: 'group', id: g.id, name: g.name, level: g.level, total: CASE WHEN s.total_days IS NULL THEN s.total ELSE coalesce(last([i IN range(0, size(s.total_days) - 1) WHERE s.total_days[i] <= d | s.totals[i]]), 0) END, policy: s.policy, policies: coalesce(s.policies, [s.policy]),
                  covered: coalesce(last([i IN range(0, size(s.days) - 1) WHERE s.days[i] <= d | s.covered[i]]), 0)}) AS groups
}
UNWIND [{scope: 'region', id: x.id, name: x.name, level: x.level, total: CASE WHEN sx.total_days IS NULL THEN sx.total ELSE coalesce(last([i IN range(0, size(sx.total_days) - 1) WHERE sx.total_days[i] <= d | sx.totals[i]]), 0) END, policy: sx.policy, policies: coalesce(sx.policies, [sx.policy]),
         covered: coalesce(last([i IN range(0, size(sx.days) - 1) WHERE sx.days[i] <= d | sx.covered[i]]), 0)}] + groups AS row
RETURN row.scope AS scope, row.id AS id, row.name AS name, row.level AS level, row.covered AS covered, row.total AS total,
       row.policy AS policy, row.policies AS policies
