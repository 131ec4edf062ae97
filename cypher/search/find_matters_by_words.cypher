// The matters whose indexed words best match the words of a description (whitespace full-text index over
// pre-segmented words), with their score, domain and words (to measure how much of the description each explains).
// mode: read
// params: query, limit
// returns: id, name, domain_id, domain, score, words, title
CALL db.index.fulltext.queryNodes('matter_words', $query, {limit: $limit}) YIELD node, score
OPTIONAL MATCH (node)-[:IN_DOMAIN]->(d:Domain)
RETURN node.id AS id, node.name AS name, d.id AS domain_id, d.name AS domain, score, node.search_words AS words,
       node.search_title AS title
ORDER BY score DESC, id
