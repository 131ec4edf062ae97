// Subjects a text may name: by 统一社会信用代码 or by exact name.
// mode: read
// params: text
// returns: id, name, region_id
MATCH (s:Subject)
WHERE s.id = $text OR s.name = $text
OPTIONAL MATCH (s)-[:LOCATED_IN]->(r:Region)
RETURN s.id AS id, s.name AS name, r.id AS region_id
ORDER BY s.id
LIMIT 50
