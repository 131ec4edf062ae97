// Regulated subjects by name or address (cjk full-text), or the one whose USCC is given exactly, with their region.
// mode: read
// params: query, uscc, limit
// returns: id, name, kind, address, region_id, region_name, score
CALL (*) {
  MATCH (node:Subject {id: $uscc})
  RETURN node, 100.0 AS score
  UNION
  CALL db.index.fulltext.queryNodes('subject_text', $query, {limit: $limit}) YIELD node, score
  RETURN node, score
}
OPTIONAL MATCH (node)-[:LOCATED_IN]->(r:Region)
RETURN node.id AS id, node.name AS name, node.kind AS kind, node.address AS address,
       r.id AS region_id, r.name AS region_name, max(score) AS score
ORDER BY score DESC, id
LIMIT $limit
