// The matters that best match a behaviour described in Chinese, with their full-text score and domain.
// mode: read
// params: query, limit
// returns: id, name, description, domain_id, score
CALL db.index.fulltext.queryNodes('matter_text', $query, {limit: $limit}) YIELD node, score
OPTIONAL MATCH (node)-[:IN_DOMAIN]->(d:Domain)
RETURN node.id AS id, node.name AS name, node.description AS description, d.id AS domain_id, score
ORDER BY score DESC, id
