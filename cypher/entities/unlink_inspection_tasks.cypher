// Before entities/upsert_inspection_tasks, in the same transaction: removes the links of inspection tasks: the
// department, subject, matters and plan a row no longer names.
// Apart from the upsert so that neither statement needs an Eager plan; a row states the whole truth.
// mode: write
// params: rows, actor
// returns: unlinked, by
UNWIND $rows AS row
MATCH (t:InspectionTask {id: row.id})
CALL (t, row) {
  MATCH (t)-[old:BY_DEPARTMENT]->(other) WHERE other.id <> row.department_id
  DELETE old
}
CALL (t, row) {
  MATCH (t)-[old:ON_SUBJECT]->(other) WHERE other.id <> row.subject_id
  DELETE old
}
CALL (t, row) {
  MATCH (t)-[old:COVERS]->(m) WHERE NOT m.id IN row.matter_ids
  DELETE old
}
CALL (t, row) {
  MATCH (t)-[old:FROM_PLAN]->(p) WHERE p.id <> coalesce(row.plan_id, '')
  DELETE old
}
RETURN count(*) AS unlinked, $actor AS by
