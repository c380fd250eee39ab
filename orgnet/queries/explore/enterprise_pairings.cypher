// name: enterprise_pairings
// title: An enterprise, where it is, and who is paired with it
// description: The enterprise with its region chain up to the city and every cadre paired with it
//   (active or not on the day) with the region that cadre serves in. Run it in Browser to see why
//   an enterprise is or is not covered: compare each cadre's jurisdiction with the chain.
// param enterprise: string = "ent-0811" -- Enterprise id
// param as_of: date = null -- Day on which `active` is judged, YYYY-MM-DD (null: today)
// returns: enterprise, chain, cadre, pairing, active, jurisdiction
:params {enterprise: "ent-0811", as_of: null};
WITH coalesce(date($as_of), date()) AS d
MATCH chain = (e:Enterprise {id: $enterprise})-[:LOCATED_IN]->(:Region)-[:PART_OF*0..3]->(:City)
OPTIONAL MATCH (e)<-[p:PAIRED_WITH]-(c:Cadre)-[:SERVES_IN]->(j:Region)
RETURN e AS enterprise, chain, c AS cadre, p AS pairing,
       p.since <= d AND (p.until IS NULL OR d <= p.until) AS active, j AS jurisdiction
ORDER BY c.level, c.id
