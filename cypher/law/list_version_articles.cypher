// The articles (条, 款, 项) these versions hold, with their text where a law text was loaded.
// mode: read
// params: version_ids
// returns: version_id, id, number, clause, item, label, text, gist
MATCH (v:BasisVersion)-[:HAS_ARTICLE]->(a:Article)
WHERE v.id IN $version_ids
RETURN v.id AS version_id, a.id AS id, a.number AS number, coalesce(a.clause, 0) AS clause,
       coalesce(a.item, 0) AS item, a.label AS label, a.text AS text, a.gist AS gist
ORDER BY version_id, number, clause, item
