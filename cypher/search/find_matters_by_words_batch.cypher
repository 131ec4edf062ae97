// The matters whose indexed words best match each of several word queries (a description and its clauses) in one
// round trip: per query, its key and the best `limit` matter ids with their score (whitespace full-text index over
// pre-segmented words; the words themselves are cached by the search, so they do not travel with every hit), and
// the search stamp, so that a search made with a stale thesaurus is noticed without another statement.
// mode: read
// params: queries, limit
// returns: stamp, key, id, score
OPTIONAL MATCH (s:SearchIndex {id: 'matter'})
WITH s.stamp AS stamp
UNWIND $queries AS q
CALL db.index.fulltext.queryNodes('matter_words', q.query, {limit: $limit}) YIELD node, score
RETURN stamp, q.key AS key, node.id AS id, score
ORDER BY key, score DESC, id
