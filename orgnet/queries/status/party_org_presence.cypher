// name: party_org_presence
// title: Does a village or community have a party organisation?
// description: For each given village-level unit: how many party organisations are located there. Ids that are
//   not in the population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// returns: id, name, path_ids, path_names, covered, details
:params {ids: []};
UNWIND $ids AS item_id
MATCH (r:Village {id: item_id})
WITH r, COUNT { (r)<-[:LOCATED_IN]-(org:PartyOrg WHERE NOT coalesce(org.voided, false)) } AS orgs
RETURN r.id AS id, r.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, orgs > 0 AS covered, {kind: r.kind, party_orgs: orgs} AS details
ORDER BY id
