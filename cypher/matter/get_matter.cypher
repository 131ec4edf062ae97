// One matter with its domain, subject types and legal bases (article, version and its validity).
// mode: read
// params: id
// returns: id, name, category, check_method, level, offsite_ok, subjects_text, description, source, domain, subject_types, bases
MATCH (m:Matter {id: $id})
OPTIONAL MATCH (m)-[:IN_DOMAIN]->(d:Domain)
CALL (m) {
  OPTIONAL MATCH (m)-[:APPLIES_TO]->(t:SubjectType)
  RETURN collect(t {.id, .name}) AS subject_types
}
CALL (m) {
  OPTIONAL MATCH (m)-[:BASED_ON]->(a:Article)<-[:HAS_ARTICLE]-(v:BasisVersion)<-[:HAS_VERSION]-(b:LegalBasis)
  WITH a, v, b ORDER BY b.id, a.number, a.clause, a.item
  RETURN collect(CASE WHEN a IS NULL THEN NULL ELSE {
    article_id: a.id, article: a.label, gist: a.gist, basis_id: b.id, title: b.title, kind: b.kind,
    version: v.version, effective_from: v.effective_from, effective_to: v.effective_to, status: v.status
  } END) AS bases
}
RETURN m.id AS id, m.name AS name, m.category AS category, m.check_method AS check_method, m.level AS level,
       m.offsite_ok AS offsite_ok, m.subjects_text AS subjects_text, m.description AS description,
       m.source AS source, d {.id, .name} AS domain, subject_types, bases
