// Writes the joint inspections a merge plan proposes: subject, window, visit day, lead department, and the
// tasks it would merge. Its other departments and its matters (the 综合检查单) follow from those tasks; they are
// linked on acceptance, with the tasks, so that a county-wide proposal writes a node and three links a visit.
// The plan's region is locked first: a batch written after a newer proposal replaced the plan is 已取消 at once.
// mode: write
// params: plan_id, rows, actor
// returns: written
MATCH (p:MergePlan {id: $plan_id})-[:IN_REGION]->(region:Region)
SET region._lock = true
WITH p, region
CALL (p) {
  UNWIND $rows AS row
  MATCH (s:Subject {id: row.subject_id}), (lead:Department {id: row.lead_id})
  CREATE (j:JointInspection {id: row.id})
  SET j.window_start = row.window_start, j.window_end = row.window_end, j.visit_on = row.visit_on,
      j.status = CASE WHEN p.status = '已取代' THEN '已取消' ELSE '拟定' END, j.task_ids = row.task_ids,
      j.created_at = datetime(), j.created_by = $actor, j.updated_at = datetime(), j.updated_by = $actor
  CREATE (p)-[:PROPOSES {updated_at: datetime(), updated_by: $actor}]->(j)
  CREATE (j)-[:ON_SUBJECT {updated_at: datetime(), updated_by: $actor}]->(s)
  CREATE (j)-[:LED_BY {updated_at: datetime(), updated_by: $actor}]->(lead)
  RETURN count(*) AS written
}
REMOVE region._lock
RETURN written
