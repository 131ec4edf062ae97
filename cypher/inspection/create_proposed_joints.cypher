// Writes the joint inspections a merge plan proposes (拟定): subject, window, visit day, lead and cooperating
// departments, the matters of the 综合检查单, and the tasks it would merge (linked only on acceptance).
// mode: write
// params: plan_id, rows, actor
// returns: written
MATCH (p:MergePlan {id: $plan_id})
UNWIND $rows AS row
MATCH (s:Subject {id: row.subject_id}), (lead:Department {id: row.lead_id})
CREATE (j:JointInspection {id: row.id})
SET j.window_start = row.window_start, j.window_end = row.window_end, j.visit_on = row.visit_on,
    j.status = '拟定', j.task_ids = row.task_ids, j.created_at = datetime(), j.created_by = $actor,
    j.updated_at = datetime(), j.updated_by = $actor
CREATE (p)-[:PROPOSES {updated_at: datetime(), updated_by: $actor}]->(j)
CREATE (j)-[:ON_SUBJECT {updated_at: datetime(), updated_by: $actor}]->(s)
CREATE (j)-[:LED_BY {updated_at: datetime(), updated_by: $actor}]->(lead)
WITH j, row
CALL (j, row) {
  UNWIND row.cooperating_ids AS department_id
  MATCH (d:Department {id: department_id})
  CREATE (j)-[:COOPERATED_BY {updated_at: datetime(), updated_by: $actor}]->(d)
}
CALL (j, row) {
  UNWIND row.matter_ids AS matter_id
  MATCH (m:Matter {id: matter_id})
  CREATE (j)-[:COVERS {updated_at: datetime(), updated_by: $actor}]->(m)
}
RETURN count(*) AS written
