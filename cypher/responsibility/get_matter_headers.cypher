// The fields of matters that resolution reports and decides by, in the order asked.
// mode: read
// params: ids
// returns: id, name, level, category, domain_id
UNWIND range(0, size($ids) - 1) AS i
MATCH (m:Matter {id: $ids[i]})
OPTIONAL MATCH (m)-[:IN_DOMAIN]->(d:Domain)
RETURN m.id AS id, m.name AS name, m.level AS level, m.category AS category, d.id AS domain_id
ORDER BY i
