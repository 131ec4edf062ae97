// Writes lead/cooperating assignments of matters to a function (catalogue) or a department (local), with
// validity and source; a region scopes a local assignment.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (m:Matter {id: row.matter_id})
MERGE (a:Assignment {id: row.id})
  ON CREATE SET a.created_at = datetime(), a.created_by = $actor
SET a.role = row.role, a.valid_from = row.valid_from, a.valid_to = row.valid_to, a.source = row.source,
    a.updated_at = datetime(), a.updated_by = $actor
MERGE (a)-[:FOR_MATTER]->(m)
WITH a, row
CALL (a, row) {
  MATCH (f:Function {id: row.function_id})
  MERGE (a)-[:ASSIGNED_TO]->(f)
}
CALL (a, row) {
  MATCH (d:Department {id: row.department_id})
  MERGE (a)-[:ASSIGNED_TO]->(d)
}
CALL (a, row) {
  MATCH (r:Region {id: row.region_id})
  MERGE (a)-[:IN_REGION]->(r)
}
RETURN a.id AS id
