// name: central_household_size
// title: Does a central household have exactly the target members?
// description: For each given central household: its members (not counting `unavailable_members`) against the
//   target. Ids that are not in the population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// param central_household_target: int[1..1000] = 10 -- Policy: members a central household must have, exactly
// param unavailable_members: list<string> = [] -- What-if: party members treated as unavailable
// returns: id, name, path_ids, path_names, covered, details
:params {ids: [], central_household_target: 10, unavailable_members: []};
UNWIND $ids AS item_id
MATCH (ch:CentralHousehold {id: item_id} WHERE NOT coalesce(ch.voided, false))-[:LOCATED_IN]->(r:Region)
WITH r, ch, COUNT { (ch)<-[:IN_CENTRAL_HOUSEHOLD]-(m:PartyMember WHERE NOT coalesce(m.voided, false)) WHERE NOT m.id IN $unavailable_members } AS members
RETURN ch.id AS id, null AS name, r.path_ids AS path_ids, r.path_names AS path_names, members = $central_household_target AS covered,
       {members: members, target: $central_household_target} AS details
ORDER BY id
