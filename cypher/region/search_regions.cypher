// Regions whose name matches a Chinese query (cjk full-text), best first, with their parent.
// mode: read
// params: query, limit
// returns: id, name, level, parent_id, parent_name, score
CALL db.index.fulltext.queryNodes('region_text', $query, {limit: $limit}) YIELD node, score
OPTIONAL MATCH (node)-[:PART_OF]->(p:Region)
RETURN node.id AS id, node.name AS name, node.level AS level, p.id AS parent_id, p.name AS parent_name, score
ORDER BY score DESC, id
