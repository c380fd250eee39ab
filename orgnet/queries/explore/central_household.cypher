// name: central_household
// title: One central household of the 10x10 scheme as a graph
// description: A party-member central household with its members, the households each member
//   links, and whether each link is active on the day. Ten members with ten households each is
//   the target.
// param central_household: string = "ch-00215" -- Central household id
// param as_of: date = null -- Day on which `active` is judged, YYYY-MM-DD (null: today)
// returns: central_household, member, link, household, active
:params {central_household: "ch-00215", as_of: null};
WITH coalesce(date($as_of), date()) AS d
MATCH (ch:CentralHousehold {id: $central_household})<-[:IN_CENTRAL_HOUSEHOLD]-(m:PartyMember)
OPTIONAL MATCH (m)-[l:LINKS]->(h:Household)
RETURN ch AS central_household, m AS member, l AS link, h AS household,
       l.since <= d AND (l.until IS NULL OR d <= l.until) AS active
ORDER BY m.id, h.id
