// Every matter of the catalogue with its level and domain, for the audit to resolve one by one.
// mode: read
// params:
// returns: id, name, level, category, domain_id, domain
MATCH (m:Matter)
OPTIONAL MATCH (m)-[:IN_DOMAIN]->(d:Domain)
RETURN m.id AS id, m.name AS name, m.level AS level, m.category AS category, d.id AS domain_id, d.name AS domain
ORDER BY d.id, m.id
