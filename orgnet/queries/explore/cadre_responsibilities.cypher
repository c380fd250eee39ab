// name: cadre_responsibilities
// title: Everything a cadre is responsible for (before asking "what if they are unavailable")
// description: The cadre's jurisdiction, the enterprises they are paired with and the medical
//   workers' families they support, with whether each assignment is active on the day.
// param cadre: string = "cadre-t-320321-009-1" -- Cadre id
// param as_of: date = null -- Day on which `active` is judged, YYYY-MM-DD (null: today)
// returns: cadre, jurisdiction, kind, target, active
// personal: cadre.name, target.name
:params {cadre: "cadre-t-320321-009-1", as_of: null};
WITH coalesce(date($as_of), date()) AS d
MATCH (c:Cadre {id: $cadre})-[:SERVES_IN]->(j:Region)
CALL (c, d) {
  MATCH (c)-[p:PAIRED_WITH]->(e:Enterprise)
  RETURN 'pairing' AS kind, e {.id, .name, .kind} AS target, p.since <= d AND (p.until IS NULL OR d <= p.until) AS active
  UNION ALL
  MATCH (c)-[s:SUPPORTS_FAMILY_OF]->(w:MedicalWorker)
  RETURN 'family_support' AS kind, w {.id, .name, .batch} AS target, s.since <= d AND (s.until IS NULL OR d <= s.until) AS active
}
RETURN c {.id, .name, .level} AS cadre, j {.id, .name, .level} AS jurisdiction, kind, target, active
ORDER BY kind, target.id
