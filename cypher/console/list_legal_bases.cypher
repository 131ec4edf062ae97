// Every legal basis with its versions (newest first) and how many articles each version holds.
// mode: read
// params:
// returns: id, title, kind, versions
MATCH (b:LegalBasis)
CALL (b) {
  OPTIONAL MATCH (b)-[:HAS_VERSION]->(v:BasisVersion)
  WITH v ORDER BY v.effective_from DESC
  RETURN collect(CASE WHEN v IS NULL THEN NULL ELSE {id: v.id, version: v.version, status: v.status,
                 effective_from: v.effective_from, effective_to: v.effective_to,
                 articles: COUNT { (v)-[:HAS_ARTICLE]->(:Article) }} END) AS versions
}
RETURN b.id AS id, b.title AS title, b.kind AS kind, versions
ORDER BY b.kind, b.title
