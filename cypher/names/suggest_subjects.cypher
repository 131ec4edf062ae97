// The subjects whose name is nearest to a text that names none exactly (cjk full-text), best first.
// mode: read
// params: query, limit
// returns: id, name, region_id
CALL db.index.fulltext.queryNodes('subject_text', $query, {limit: $limit}) YIELD node, score
OPTIONAL MATCH (node)-[:LOCATED_IN]->(r:Region)
RETURN node.id AS id, node.name AS name, r.id AS region_id
ORDER BY score DESC, id
