// For each requested subject (in request order; id null when unknown): its region, credit grade and risk class,
// the tasks on it that are planned or done and reach into [horizon_start, horizon_end] (a done task counts on
// the day it was done), and the joint inspections on it, proposed or confirmed, whose window meets the window,
// with the departments and matters of the tasks they merge.
// mode: read
// params: subject_ids, horizon_start, horizon_end, window_start, window_end
// returns: requested, id, name, region_id, credit_grade, risk_class, tasks, joints
UNWIND $subject_ids AS requested
OPTIONAL MATCH (s:Subject {id: requested})
OPTIONAL MATCH (s)-[:LOCATED_IN]->(region:Region)
CALL (s) {
  OPTIONAL MATCH (s)<-[:ON_SUBJECT]-(t:InspectionTask)
  WHERE t.status IN ['计划', '已完成']
    AND coalesce(t.done_on, t.window_end) >= $horizon_start
    AND coalesce(t.done_on, t.window_start) <= $horizon_end
  OPTIONAL MATCH (t)-[:BY_DEPARTMENT]->(d:Department)
  RETURN collect(CASE WHEN t IS NOT NULL THEN {
    id: t.id, status: t.status, kind: t.kind, window_start: t.window_start, window_end: t.window_end,
    done_on: t.done_on, department_id: d.id, department_name: d.name,
    matter_ids: COLLECT { MATCH (t)-[:COVERS]->(m:Matter) RETURN m.id ORDER BY m.id },
    joint_ids: COLLECT { MATCH (t)-[:MERGED_INTO]->(j:JointInspection) RETURN j.id ORDER BY j.id }
  } END) AS tasks
}
CALL (s) {
  OPTIONAL MATCH (s)<-[:ON_SUBJECT]-(j:JointInspection)
  WHERE j.status IN ['拟定', '已确认'] AND j.window_end >= $window_start AND j.window_start <= $window_end
  OPTIONAL MATCH (j)-[:LED_BY]->(lead:Department)
  OPTIONAL MATCH (plan:MergePlan)-[:PROPOSES]->(j)
  RETURN collect(CASE WHEN j IS NOT NULL THEN {
    id: j.id, status: j.status, window_start: j.window_start, window_end: j.window_end, visit_on: j.visit_on,
    lead_id: lead.id, lead_name: lead.name, merge_plan_id: plan.id,
    department_ids: COLLECT {
      MATCH (x:InspectionTask)-[:BY_DEPARTMENT]->(d:Department) WHERE x.id IN j.task_ids RETURN DISTINCT d.id ORDER BY d.id
    },
    matter_ids: COLLECT {
      MATCH (x:InspectionTask)-[:COVERS]->(m:Matter) WHERE x.id IN j.task_ids RETURN DISTINCT m.id ORDER BY m.id
    }
  } END) AS joints
}
RETURN requested, s.id AS id, s.name AS name, region.id AS region_id, s.credit_grade AS credit_grade,
       s.risk_class AS risk_class, tasks, joints
