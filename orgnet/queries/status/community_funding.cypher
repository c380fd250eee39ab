// name: community_funding
// title: Is a community funded to the standard?
// description: For each given community: the sum of its allocations from the policy's funds up to the day
//   against the standard. Ids that are not in the population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param funding_standard: float[0..1e15] = 50000.0 -- Policy: per-community funding standard (CNY)
// param funding_funds: list<string> = ["community_standard"] -- Policy: funds whose allocations count
// returns: id, name, path_ids, path_names, covered, details
:params {ids: [], as_of: null, funding_standard: 50000.0, funding_funds: ["community_standard"]};
WITH coalesce(date($as_of), date()) AS d
UNWIND $ids AS item_id
MATCH (r:Village {id: item_id, kind: 'community'})
WITH d, r, reduce(s = 0.0, amount IN COLLECT { MATCH (a:Allocation WHERE NOT coalesce(a.voided, false))-[:TO]->(r) WHERE a.fund IN $funding_funds AND a.date <= d RETURN a.amount } | s + amount) AS allocated
RETURN r.id AS id, r.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, allocated + 0.005 >= $funding_standard AS covered,
       {allocated: allocated, standard: $funding_standard, shortfall: CASE WHEN allocated < $funding_standard THEN $funding_standard - allocated ELSE 0.0 END} AS details
ORDER BY id
