// Writes inspection tasks: one department's check of one subject for some matters within a window;
// a row states the whole truth: entities/unlink_inspection_tasks removes the links it no longer names, just before, in the
// same transaction (one statement doing both would need an Eager plan).
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
