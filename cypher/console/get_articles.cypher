// Articles by id with their own text (or the text of the article they belong to), law title and version.
// mode: read
// params: ids
// returns: id, label, gist, text, basis_id, title, version, effective_from, effective_to, status
UNWIND $ids AS article_id
MATCH (a:Article {id: article_id})<-[:HAS_ARTICLE]-(v:BasisVersion)<-[:HAS_VERSION]-(b:LegalBasis)
OPTIONAL MATCH (a)-[:IN_ARTICLE*1..2]->(whole:Article)
WITH a, v, b, [t IN collect(whole.text) WHERE t IS NOT NULL] AS outer
RETURN a.id AS id, a.label AS label, a.gist AS gist, coalesce(a.text, outer[0]) AS text, b.id AS basis_id,
       b.title AS title, v.version AS version, v.effective_from AS effective_from, v.effective_to AS effective_to,
       v.status AS status
