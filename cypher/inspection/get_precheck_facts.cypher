// What a pre-scheduling check reads, in one round trip: the department and the requested matters (a requested
// id that names no matter comes back with id null), and for each requested subject (in request order; id null
// when unknown) its region, credit grade and risk class, the tasks on it that are planned or done and reach into
// [horizon_start, horizon_end] (a done task counts on the day it was done), and the joint inspections on it,
// proposed or confirmed, whose window meets the window, with the departments and matters of the tasks they merge.
// mode: read
// params: department_id, matter_ids, subject_ids, horizon_start, horizon_end, window_start, window_end
// returns: department, matters, subjects
CALL () {
  OPTIONAL MATCH (d:Department {id: $department_id})
  RETURN CASE WHEN d IS NULL THEN NULL ELSE d {.id, .name} END AS department
}
CALL () {
  UNWIND range(0, size($matter_ids) - 1) AS i
  OPTIONAL MATCH (m:Matter {id: $matter_ids[i]})
  OPTIONAL MATCH (m)-[:IN_DOMAIN]->(domain:Domain)
  RETURN collect({requested: $matter_ids[i], position: i, id: m.id, name: m.name, level: m.level,
                  offsite_ok: m.offsite_ok, check_method: m.check_method, domain_id: domain.id,
                  domain_name: domain.name}) AS matters
}
CALL () {
  UNWIND range(0, size($subject_ids) - 1) AS position
  WITH position, $subject_ids[position] AS requested
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
  WITH position, requested, s, region, tasks, joints ORDER BY position
  RETURN collect({requested: requested, id: s.id, name: s.name, region_id: region.id, credit_grade: s.credit_grade,
                  risk_class: s.risk_class, tasks: tasks, joints: joints}) AS subjects
}
RETURN department, matters, subjects
