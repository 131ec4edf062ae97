// The departments sitting in one region, by name, for pickers.
// mode: read
// params: region_id, limit
// returns: id, name, short_name, level, region_id, region_name, valid_to, score
MATCH (node:Department)-[:IN_REGION]->(r:Region {id: $region_id})
RETURN node.id AS id, node.name AS name, node.short_name AS short_name, node.level AS level,
       r.id AS region_id, r.name AS region_name, node.valid_to AS valid_to, 1.0 AS score
ORDER BY node.valid_to IS NOT NULL, id
LIMIT $limit
