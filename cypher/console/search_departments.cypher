// Departments whose name matches a Chinese query (cjk full-text), optionally within a region and the regions below it.
// mode: read
// params: query, region_id, limit
// returns: id, name, short_name, level, region_id, region_name, valid_to, score
CALL db.index.fulltext.queryNodes('department_text', $query, {limit: 500}) YIELD node, score
MATCH (node)-[:IN_REGION]->(r:Region)
WHERE $region_id IS NULL OR EXISTS { (r)-[:PART_OF*0..]->(:Region {id: $region_id}) }
RETURN node.id AS id, node.name AS name, node.short_name AS short_name, node.level AS level,
       r.id AS region_id, r.name AS region_name, node.valid_to AS valid_to, score
ORDER BY score DESC, id
LIMIT $limit
