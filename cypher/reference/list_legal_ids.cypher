// Every article with the version and legal basis it belongs to, for checking their ids against each other.
// mode: read
// params:
// returns: basis_id, title, version_id, version, article_id, number, clause, item
MATCH (b:LegalBasis)-[:HAS_VERSION]->(v:BasisVersion)
OPTIONAL MATCH (v)-[:HAS_ARTICLE]->(a:Article)
RETURN b.id AS basis_id, b.title AS title, v.id AS version_id, v.version AS version, a.id AS article_id,
       a.number AS number, a.clause AS clause, a.item AS item
ORDER BY version_id, article_id
