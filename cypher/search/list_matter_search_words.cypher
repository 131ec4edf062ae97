// The indexed words of every matter, with what a search reports of it: the weights of the words (how many
// matters use each) and, cached per search stamp, the words and name each hit is measured and reported by; the
// description tells which words only the plain-word descriptions use.
// mode: read
// params:
// returns: id, words, title, name, domain_id, domain, description
MATCH (m:Matter) WHERE m.search_words IS NOT NULL
OPTIONAL MATCH (m)-[:IN_DOMAIN]->(d:Domain)
RETURN m.id AS id, m.search_words AS words, m.search_title AS title, m.name AS name, d.id AS domain_id,
       d.name AS domain, m.description AS description
ORDER BY id
