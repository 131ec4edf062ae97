// The matters whose name is nearest to a text that names none exactly (cjk full-text), best first.
// mode: read
// params: query, limit
// returns: id, name
CALL db.index.fulltext.queryNodes('matter_text', $query, {limit: $limit}) YIELD node, score
RETURN node.id AS id, node.name AS name
ORDER BY score DESC, id
