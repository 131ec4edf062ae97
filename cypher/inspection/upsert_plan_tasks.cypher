// Writes the tasks generated from a plan (计划): department, subject, matters, window, kind, FROM_PLAN.
// mode: write
// params: plan_id, rows, actor
// returns: written
MATCH (p:InspectionPlan {id: $plan_id})
UNWIND $rows AS row
MATCH (s:Subject {id: row.subject_id}), (d:Department {id: row.department_id})
MERGE (t:InspectionTask {id: row.id})
  ON CREATE SET t.created_at = datetime(), t.created_by = $actor
SET t.window_start = row.window_start, t.window_end = row.window_end, t.kind = row.kind, t.status = '计划',
    t.updated_at = datetime(), t.updated_by = $actor
MERGE (t)-[done_by:BY_DEPARTMENT]->(d)
  ON CREATE SET done_by.updated_at = datetime(), done_by.updated_by = $actor
MERGE (t)-[target:ON_SUBJECT]->(s)
  ON CREATE SET target.updated_at = datetime(), target.updated_by = $actor
MERGE (t)-[origin:FROM_PLAN]->(p)
  ON CREATE SET origin.updated_at = datetime(), origin.updated_by = $actor
WITH t, row
CALL (t, row) {
  UNWIND row.matter_ids AS matter_id
  MATCH (m:Matter {id: matter_id})
  MERGE (t)-[covers:COVERS]->(m)
    ON CREATE SET covers.updated_at = datetime(), covers.updated_by = $actor
}
RETURN count(*) AS written
