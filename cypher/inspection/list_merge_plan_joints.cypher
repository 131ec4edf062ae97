// A page of a merge plan's joint inspections, in id order, with subject, lead, departments, matters and the
// tasks they merge (each with its department and matters).
// mode: read
// params: id, skip, limit
// returns: id, status, window_start, window_end, visit_on, subject_id, subject_name, lead_id, task_ids, tasks
MATCH (:MergePlan {id: $id})-[:PROPOSES]->(j:JointInspection)
WITH j ORDER BY j.id SKIP $skip LIMIT $limit
MATCH (j)-[:ON_SUBJECT]->(s:Subject)
MATCH (j)-[:LED_BY]->(lead:Department)
RETURN j.id AS id, j.status AS status, j.window_start AS window_start, j.window_end AS window_end,
       j.visit_on AS visit_on, s.id AS subject_id, s.name AS subject_name, lead.id AS lead_id, j.task_ids AS task_ids,
       COLLECT {
         UNWIND j.task_ids AS task_id
         MATCH (t:InspectionTask {id: task_id})-[:BY_DEPARTMENT]->(d:Department)
         RETURN {id: t.id, department_id: d.id, window_start: t.window_start, window_end: t.window_end,
                 matter_ids: COLLECT { MATCH (t)-[:COVERS]->(m:Matter) RETURN m.id ORDER BY m.id }}
       } AS tasks
ORDER BY id
