// Departments in the region that carry duties on the date (perform a function some matter is assigned to,
// or are assigned a matter) but have no inspector on their roster.
// mode: read
// params: region_id, as_of
// returns: id, name, duties
MATCH (d:Department)-[:IN_REGION]->(:Region {id: $region_id})
WHERE NOT EXISTS { (d)<-[:MEMBER_OF]-(:Inspector) }
CALL (d) {
  OPTIONAL MATCH (d)-[p:PERFORMS]->(:Function)<-[:ASSIGNED_TO]-(a:Assignment)-[:FOR_MATTER]->(m:Matter)
  WHERE (p.valid_from IS NULL OR p.valid_from <= $as_of) AND (p.valid_to IS NULL OR $as_of < p.valid_to)
  RETURN count(DISTINCT m) AS through_functions
}
CALL (d) {
  OPTIONAL MATCH (d)<-[:ASSIGNED_TO]-(:Assignment)-[:FOR_MATTER]->(m:Matter)
  RETURN count(DISTINCT m) AS assigned
}
WITH d, through_functions + assigned AS duties
WHERE duties > 0
RETURN d.id AS id, d.name AS name, duties
ORDER BY id
