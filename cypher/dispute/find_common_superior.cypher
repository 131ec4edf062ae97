// The common superior of the given departments (行政处罚法第二十五条: 共同的上一级行政机关): the people's government
// of the narrowest region that contains every one of them, with the region's full name from the top down and the
// government's establishment office (编办), which coordinates and proposes (编制条例第十条).
// mode: read
// params: department_ids
// returns: region_id, region_name, full_name, government, office
UNWIND $department_ids AS department_id
MATCH (:Department {id: department_id})-[:IN_REGION]->(:Region)-[:PART_OF*0..]->(a:Region)
WITH a, count(DISTINCT department_id) AS covering
WHERE covering = size($department_ids)
MATCH up = (a)-[:PART_OF*0..]->(top:Region)
WHERE NOT EXISTS { (top)-[:PART_OF]->(:Region) }
WITH a, up ORDER BY length(up) DESC
LIMIT 1
OPTIONAL MATCH (a)<-[:IN_REGION]-(government:Department {kind: '人民政府'})
OPTIONAL MATCH (a)<-[:IN_REGION]-(office:Department)
WHERE office.id = a.id + '-bb'
RETURN a.id AS region_id, a.name AS region_name, reduce(s = '', x IN reverse(nodes(up)) | s + x.name) AS full_name,
       government {.id, .name} AS government, office {.id, .name} AS office
