// name: application_followup
// title: Is a frontline Party application decided in time?
// description: For each given application made at the front: whether it is within the policy's days or was
//   decided within them. Ids that are not in the population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// param as_of: date = null -- Day the assignments must be active on, YYYY-MM-DD (null: today)
// param followup_days: int[1..3650] = 30 -- Policy: days within which a frontline application is decided
// returns: id, name, path_ids, path_names, covered, details
// personal: name
:params {ids: [], as_of: null, followup_days: 30};
WITH coalesce(date($as_of), date()) AS d
UNWIND $ids AS item_id
MATCH (a:PartyApplication {id: item_id, at_front: true} WHERE NOT coalesce(a.voided, false))-[:LOCATED_IN]->(r:Region)
OPTIONAL MATCH (a)-[:APPLIED_BY]->(person)
RETURN a.id AS id, person.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, (d <= a.submitted_on + duration({days: $followup_days}) OR coalesce(coalesce(a.activist_on, a.probationary_on, a.full_member_on, a.declined_on) <= a.submitted_on + duration({days: $followup_days}), false)) AS covered, {applicant_type: a.applicant_type, submitted_on: toString(a.submitted_on), decided_on: toString(coalesce(a.activist_on, a.probationary_on, a.full_member_on, a.declined_on)), followup_days: $followup_days} AS details
ORDER BY id
