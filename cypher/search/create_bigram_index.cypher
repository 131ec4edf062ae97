// For benchmarks/resolve_quality.py only: the same indexed words as `matter_words`, read by the `cjk` analyzer
// (bigrams) instead of `whitespace`, to compare the two on the labelled set. The service never creates it. (Neo4j
// keeps one full-text index per label and property list, so it also reads search_title, the name's words again.)
// mode: schema
CREATE FULLTEXT INDEX matter_words_cjk IF NOT EXISTS FOR (n:Matter) ON EACH [n.search_words, n.search_title] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CALL db.awaitIndexes(300)
