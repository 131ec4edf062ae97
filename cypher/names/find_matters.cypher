// Matters a text may name: by id, by 事项编码 or by exact name; with the regions their own assignments are scoped to.
// mode: read
// params: text
// returns: id, name, code, level, region_ids
MATCH (m:Matter)
WHERE m.id = $text OR m.code = $text OR m.name = $text
OPTIONAL MATCH (m)<-[:FOR_MATTER]-(:Assignment)-[:IN_REGION]->(r:Region)
RETURN m.id AS id, m.name AS name, m.code AS code, m.level AS level, collect(DISTINCT r.id) AS region_ids
ORDER BY m.id
LIMIT 50
