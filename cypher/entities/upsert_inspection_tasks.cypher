// Writes inspection tasks: one department's check of one subject for some matters within a window;
// a row states the whole truth, so links it no longer names are removed.
// mode: write
// params: rows, actor
// returns: written
UNWIND $rows AS row
MATCH (d:Department {id: row.department_id}), (s:Subject {id: row.subject_id})
MERGE (t:InspectionTask {id: row.id})
  ON CREATE SET t.created_at = datetime(), t.created_by = $actor
SET t.window_start = row.window_start, t.window_end = row.window_end, t.kind = row.kind,
    t.status = row.status, t.done_on = row.done_on, t.updated_at = datetime(), t.updated_by = $actor
MERGE (t)-[done_by:BY_DEPARTMENT]->(d)
SET done_by.updated_at = datetime(), done_by.updated_by = $actor
MERGE (t)-[target:ON_SUBJECT]->(s)
SET target.updated_at = datetime(), target.updated_by = $actor
WITH t, row
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
CALL (t, row) {
  UNWIND row.matter_ids AS matter_id
  MATCH (m:Matter {id: matter_id})
  MERGE (t)-[covers:COVERS]->(m)
  SET covers.updated_at = datetime(), covers.updated_by = $actor
}
CALL (t, row) {
  MATCH (p:InspectionPlan {id: row.plan_id})
  MERGE (t)-[plan:FROM_PLAN]->(p)
  SET plan.updated_at = datetime(), plan.updated_by = $actor
}
RETURN count(*) AS written
