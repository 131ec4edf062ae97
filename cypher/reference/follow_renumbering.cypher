// The provisions an article became in later versions, following RENUMBERED_AS, with each version's validity.
// mode: read
// params: article_id
// returns: article_id, label, version_id, effective_from, effective_to, steps
MATCH path = (:Article {id: $article_id})-[:RENUMBERED_AS*1..]->(later:Article)<-[:HAS_ARTICLE]-(v:BasisVersion)
RETURN later.id AS article_id, later.label AS label, v.id AS version_id, v.effective_from AS effective_from,
       v.effective_to AS effective_to, length(path) AS steps
ORDER BY steps
