// For an article that names no authority: the article that allocates the power and the roles that one names.
// mode: read
// params: article_id
// returns: authority_article_id, function_id, wording
MATCH (:Article {id: $article_id})-[:AUTHORITY_FROM]->(b:Article)-[n:NAMES_FUNCTION]->(f:Function)
RETURN b.id AS authority_article_id, f.id AS function_id, n.wording AS wording
ORDER BY function_id
