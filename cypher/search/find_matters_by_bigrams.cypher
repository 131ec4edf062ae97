// For benchmarks/resolve_quality.py only: the matters best matching a description through the `cjk` analyzer over
// the same indexed words as `matter_words` (index matter_words_cjk, created by the benchmark), best first.
// mode: read
// params: query, limit
// returns: id, score
CALL db.index.fulltext.queryNodes('matter_words_cjk', $query, {limit: $limit}) YIELD node, score
RETURN node.id AS id, score
ORDER BY score DESC, id
