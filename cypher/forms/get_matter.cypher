// A matter with its domain, the articles it rests on and who is assigned to it in which region.
// mode: read
// params: matter_id
// returns: id, name, category, check_method, level, subjects_text, basis_text, source, domain_id, article_ids, assignments, category_text, check_method_text, domain_text, code, parent_id
MATCH (m:Matter {id: $matter_id})
OPTIONAL MATCH (m)-[:IN_DOMAIN]->(domain:Domain)
WITH m, collect(domain.id) AS domains
OPTIONAL MATCH (m)-[:BASED_ON]->(article:Article)
WITH m, domains, collect(article.id) AS article_ids
OPTIONAL MATCH (m)<-[:FOR_MATTER]-(a:Assignment)-[:ASSIGNED_TO]->(d:Department)
OPTIONAL MATCH (a)-[:IN_REGION]->(region:Region)
WITH m, domains, article_ids, a, d, region
ORDER BY d.id
RETURN m.id AS id, m.name AS name, m.category AS category, m.check_method AS check_method, m.level AS level,
       m.subjects_text AS subjects_text, m.basis_text AS basis_text, m.source AS source,
       domains[0] AS domain_id, article_ids,
       collect(CASE WHEN d IS NOT NULL THEN {department_id: d.id, role: a.role, region_id: region.id,
                                            valid_from: a.valid_from, source: a.source} END) AS assignments,
       m.category_text AS category_text, m.check_method_text AS check_method_text, m.domain_text AS domain_text,
       m.code AS code, m.parent_id AS parent_id
