// name: incentive_trail
// title: A cadre's incentive trail: frontline record entries, recognitions and Party application
// description: Everything issue 13 records about one cadre, as a graph for Neo4j Browser: the frontline record
//   entries (纪实档案) with their dates, the recognitions (noted, promoted, ...) and a Party application.
//   A promotion with no entry dated before it is what record_backed_promotion reports. Voided records are left out; a
//   cadre with none of these is one row with null record.
// param cadre: string = "cadre-k-320381-08" -- Cadre id (the default is a planted promotion whose only record came afterwards)
// returns: cadre, record, kind, date
// personal: cadre.name
:params {cadre: "cadre-k-320381-08"};
MATCH (c:Cadre {id: $cadre})
OPTIONAL CALL (c) {
  MATCH (c)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false))
  RETURN 'frontline_record' AS record, fr.kind AS kind, fr.date AS date
  UNION ALL
  MATCH (c)<-[:RECOGNISES]-(rec:Recognition WHERE NOT coalesce(rec.voided, false))
  RETURN 'recognition' AS record, rec.kind AS kind, rec.date AS date
  UNION ALL
  MATCH (c)<-[:APPLIED_BY]-(a:PartyApplication WHERE NOT coalesce(a.voided, false))
  RETURN 'party_application' AS record, a.applicant_type AS kind, a.submitted_on AS date
}
RETURN c {.id, .name, .level} AS cadre, record, kind, date
ORDER BY date, record
