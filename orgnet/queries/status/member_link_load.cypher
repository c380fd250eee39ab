// name: member_link_load
// title: Does a rural member link exactly the target number of households?
// description: For each given rural member in the scheme: active links on the day against the target. Ids that
//   are not in the population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param member_link_target: int[1..1000] = 10 -- Policy: households a rural member must actively link, exactly
// returns: id, name, path_ids, path_names, covered, details
// personal: name
:params {ids: [], as_of: null, member_link_target: 10};
WITH coalesce(date($as_of), date()) AS d
UNWIND $ids AS item_id
MATCH (m:PartyMember {id: item_id, rural: true} WHERE NOT coalesce(m.voided, false))-[:LIVES_IN]->(r:Region)
WITH r, m, COUNT { MATCH (m)-[l:LINKS WHERE NOT coalesce(l.voided, false)]->(h:Household WHERE NOT coalesce(h.voided, false)) WHERE l.since <= d AND (l.until IS NULL OR d <= l.until) RETURN DISTINCT h } AS links
RETURN m.id AS id, m.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, links = $member_link_target AS covered,
       {active_links: links, target: $member_link_target} AS details
ORDER BY id
