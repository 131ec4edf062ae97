// The indexed words of every matter, for the weights of the words (how many matters use each).
// mode: read
// params:
// returns: id, words
MATCH (m:Matter) WHERE m.search_words IS NOT NULL
RETURN m.id AS id, m.search_words AS words
ORDER BY id
