// The region a form is filed for and the regions it lies in, nearest first.
// mode: read
// params: region_id
// returns: id, name, level, depth
MATCH path = (:Region {id: $region_id})-[:PART_OF*0..]->(up:Region)
RETURN up.id AS id, up.name AS name, up.level AS level, length(path) AS depth
ORDER BY depth
