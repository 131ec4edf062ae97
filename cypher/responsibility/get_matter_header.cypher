// The fields of a matter that resolution reports and decides by.
// mode: read
// params: id
// returns: id, name, level, category, domain_id
MATCH (m:Matter {id: $id})
OPTIONAL MATCH (m)-[:IN_DOMAIN]->(d:Domain)
RETURN m.id AS id, m.name AS name, m.level AS level, m.category AS category, d.id AS domain_id
