// name: household_linkage
// title: Is a household linked?
// description: For each given household: the number of members linking it on the day; members listed in
//   `unavailable_members` do not count. Ids that are not in the population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param unavailable_members: list<string> = [] -- What-if: party members treated as unavailable
// returns: id, name, path_ids, path_names, covered, details
// personal: name
:params {ids: [], as_of: null, unavailable_members: []};
WITH coalesce(date($as_of), date()) AS d
UNWIND $ids AS item_id
MATCH (h:Household {id: item_id} WHERE NOT coalesce(h.voided, false))-[:LOCATED_IN]->(r:Region)
WITH d, r, h, COUNT { MATCH (h)<-[l:LINKS WHERE NOT coalesce(l.voided, false)]-(m:PartyMember WHERE NOT coalesce(m.voided, false)) WHERE l.since <= d AND (l.until IS NULL OR d <= l.until) AND NOT m.id IN $unavailable_members RETURN DISTINCT m } AS links
WITH r, h, links, COLLECT { MATCH (h)<-[l:LINKS WHERE NOT coalesce(l.voided, false)]-(member:PartyMember WHERE NOT coalesce(member.voided, false)) WHERE l.until IS NOT NULL AND l.until < d RETURN l.until ORDER BY l.until DESC LIMIT 1 }[0] AS last_ended
RETURN h.id AS id, h.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, links > 0 AS covered, {active_links: links, last_link_ended: last_ended} AS details
ORDER BY id
