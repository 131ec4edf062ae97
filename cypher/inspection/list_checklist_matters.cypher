// The matters of a 综合检查单 with their domain and legal bases: the articles they rest on in the versions in
// force on the date (all cited versions when none is in force, flagged by in_force).
// mode: read
// params: matter_ids, as_of
// returns: id, name, domain_id, domain_name, bases
UNWIND $matter_ids AS matter_id
MATCH (m:Matter {id: matter_id})
OPTIONAL MATCH (m)-[:IN_DOMAIN]->(domain:Domain)
CALL (m) {
  OPTIONAL MATCH (m)-[:BASED_ON]->(a:Article)<-[:HAS_ARTICLE]-(v:BasisVersion)<-[:HAS_VERSION]-(b:LegalBasis)
  WITH a, v, b,
       (v.effective_from IS NULL OR v.effective_from <= $as_of) AND (v.effective_to IS NULL OR $as_of < v.effective_to)
         AS in_force
  ORDER BY b.id, a.number, a.clause, a.item
  RETURN collect(CASE WHEN a IS NOT NULL THEN {
    basis_id: b.id, title: coalesce(b.short_title, b.title), article_id: a.id, article: a.label,
    version: v.version, in_force: in_force
  } END) AS bases
}
RETURN m.id AS id, m.name AS name, domain.id AS domain_id, domain.name AS domain_name, bases
