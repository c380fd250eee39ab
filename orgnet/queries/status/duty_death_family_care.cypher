// name: duty_death_family_care
// title: Is the family of one who died on duty cared for?
// description: For each given death on duty: the family's active care contacts (cadres in `unavailable_cadres`
//   do not count) and care payments up to the day. Ids that are not in the population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param unavailable_cadres: list<string> = [] -- What-if: cadres treated as unavailable (their assignments do not count)
// returns: id, name, path_ids, path_names, covered, details
// personal: name
:params {ids: [], as_of: null, unavailable_cadres: []};
WITH coalesce(date($as_of), date()) AS d
UNWIND $ids AS item_id
MATCH (dd:DutyDeath {id: item_id} WHERE NOT coalesce(dd.voided, false))-[:LOCATED_IN]->(r:Region)
OPTIONAL MATCH (dd)-[:DEATH_OF]->(person)
RETURN dd.id AS id, person.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, (EXISTS { (dd)<-[c:CARES_FOR WHERE NOT coalesce(c.voided, false)]-(s WHERE NOT coalesce(s.voided, false)) WHERE c.since <= d AND (c.until IS NULL OR d <= c.until) AND NOT (s:Cadre AND s.id IN $unavailable_cadres) } AND EXISTS { (p:CarePayment WHERE NOT coalesce(p.voided, false))-[:PAID_TO]->(dd) WHERE p.date <= d }) AS covered,
       {died_on: toString(dd.date), person_type: dd.person_type,
        active_contacts: COUNT { (dd)<-[c:CARES_FOR WHERE NOT coalesce(c.voided, false)]-(s WHERE NOT coalesce(s.voided, false)) WHERE c.since <= d AND (c.until IS NULL OR d <= c.until) AND NOT (s:Cadre AND s.id IN $unavailable_cadres) },
        payments: COUNT { (p:CarePayment WHERE NOT coalesce(p.voided, false))-[:PAID_TO]->(dd) WHERE p.date <= d }} AS details
ORDER BY id
