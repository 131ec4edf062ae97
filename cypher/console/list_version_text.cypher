// The articles of one version of a legal basis, in order, with their own text or gist.
// mode: read
// params: version_id
// returns: id, label, chapter, text, gist
MATCH (:BasisVersion {id: $version_id})-[:HAS_ARTICLE]->(a:Article)
WHERE coalesce(a.clause, 0) = 0 AND coalesce(a.item, 0) = 0
RETURN a.id AS id, a.label AS label, a.chapter AS chapter, a.text AS text, a.gist AS gist
ORDER BY a.number
