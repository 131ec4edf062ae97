// The narrowest region that contains every given department, with its full name from the top down and its
// establishment office (编办) if the catalogue has one: the common superior of the departments.
// mode: read
// params: department_ids
// returns: region_id, region_name, full_name, office
UNWIND $department_ids AS department_id
MATCH (:Department {id: department_id})-[:IN_REGION]->(:Region)-[:PART_OF*0..]->(a:Region)
WITH a, count(DISTINCT department_id) AS covering
WHERE covering = size($department_ids)
MATCH up = (a)-[:PART_OF*0..]->(top:Region)
WHERE NOT EXISTS { (top)-[:PART_OF]->(:Region) }
WITH a, up ORDER BY length(up) DESC
LIMIT 1
OPTIONAL MATCH (a)<-[:IN_REGION]-(office:Department)
WHERE office.id = a.id + '-bb'
RETURN a.id AS region_id, a.name AS region_name, reduce(s = '', x IN reverse(nodes(up)) | s + x.name) AS full_name,
       office {.id, .name} AS office
