// Confirms proposed joint inspections: links their tasks by MERGED_INTO, the departments of those tasks other
// than the lead by COOPERATED_BY and their matters by COVERS (the 综合检查单), and sets 已确认 — unless a task has
// meanwhile gone (cancelled, done, moved out of the visit day, merged into another confirmed visit), when the
// proposal is 已取消 instead. Only proposals still 拟定 are touched, so a second acceptance writes nothing.
// The plan's region is locked first, so two acceptances never merge one task into two visits.
// mode: write
// params: plan_id, ids, actor
// returns: id, status
MATCH (p:MergePlan {id: $plan_id})-[:IN_REGION]->(region:Region)
SET region._lock = true
WITH p, region
CALL (p) {
  UNWIND $ids AS joint_id
  MATCH (p)-[:PROPOSES]->(j:JointInspection {id: joint_id, status: '拟定'})
  OPTIONAL MATCH (t:InspectionTask) WHERE t.id IN j.task_ids
  WITH j, collect(t) AS tasks
  WITH j, tasks, size(tasks) = size(j.task_ids) AND all(t IN tasks WHERE
    t.status = '计划' AND t.window_start <= j.visit_on <= t.window_end
    AND NOT EXISTS { (t)-[:MERGED_INTO]->(other:JointInspection) WHERE other <> j AND other.status IN ['已确认', '已完成'] }
  ) AS ok
  SET j.status = CASE WHEN ok THEN '已确认' ELSE '已取消' END, j.updated_at = datetime(), j.updated_by = $actor
  WITH j, CASE WHEN ok THEN tasks ELSE [] END AS merged_tasks
  CALL (j, merged_tasks) {
    UNWIND merged_tasks AS t
    MERGE (t)-[merged:MERGED_INTO]->(j)
    ON CREATE SET merged.updated_at = datetime(), merged.updated_by = $actor
  }
  CALL (j, merged_tasks) {
    UNWIND merged_tasks AS t
    MATCH (t)-[:BY_DEPARTMENT]->(d:Department)
    WHERE NOT EXISTS { (j)-[:LED_BY]->(d) }
    WITH DISTINCT j, d
    MERGE (j)-[cooperated:COOPERATED_BY]->(d)
    ON CREATE SET cooperated.updated_at = datetime(), cooperated.updated_by = $actor
  }
  CALL (j, merged_tasks) {
    UNWIND merged_tasks AS t
    MATCH (t)-[:COVERS]->(m:Matter)
    WITH DISTINCT j, m
    MERGE (j)-[covers:COVERS]->(m)
    ON CREATE SET covers.updated_at = datetime(), covers.updated_by = $actor
  }
  RETURN collect({id: j.id, status: j.status}) AS results
}
REMOVE region._lock
WITH results
UNWIND results AS result
RETURN result.id AS id, result.status AS status
