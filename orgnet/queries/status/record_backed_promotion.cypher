// name: record_backed_promotion
// title: Is a promotion backed by a frontline record?
// description: For each given recognition of the policy's kinds: whether the cadre has a frontline record
//   entry dated before it. Ids that are not in the population return no row.
// param ids: list<string> = [] -- Ids of the items to check
// param backed_kinds: list<string> = ["promoted", "excellent_assessment"] -- Policy: kinds of recognition a frontline record must back
// returns: id, name, path_ids, path_names, covered, details
// personal: name
:params {ids: [], backed_kinds: ["promoted", "excellent_assessment"]};
UNWIND $ids AS item_id
MATCH (r:Region)<-[:LOCATED_IN]-(rec:Recognition {id: item_id} WHERE NOT coalesce(rec.voided, false))-[:RECOGNISES]->(c:Cadre WHERE NOT coalesce(c.voided, false))
WHERE rec.kind IN $backed_kinds
RETURN rec.id AS id, c.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, EXISTS { (c)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) WHERE fr.date < rec.date } AS covered, {kind: rec.kind, date: toString(rec.date),
        first_record_on: toString(COLLECT { MATCH (c)<-[:RECORD_OF]-(fr:FrontlineRecord WHERE NOT coalesce(fr.voided, false)) RETURN fr.date ORDER BY fr.date LIMIT 1 }[0])} AS details
ORDER BY id
