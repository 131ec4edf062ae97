// The subjects a plan may check: located in its region or below, of any of the subject types; in id order.
// mode: read
// params: region_id, type_ids
// returns: id
MATCH (:Region {id: $region_id})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(s:Subject)
WHERE EXISTS { (s)-[:OF_TYPE]->(t:SubjectType) WHERE t.id IN $type_ids }
RETURN s.id AS id
ORDER BY id
