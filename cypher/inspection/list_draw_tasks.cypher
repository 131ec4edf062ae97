// The tasks a draw created, in id order: subject, department, matters and inspectors (for publication).
// mode: read
// params: id
// returns: task_id, subject_id, subject_name, department_id, department_name, matter_ids, inspectors, status
MATCH (:RandomDraw {id: $id})<-[:FROM_DRAW]-(t:InspectionTask)-[:ON_SUBJECT]->(s:Subject)
MATCH (t)-[:BY_DEPARTMENT]->(d:Department)
RETURN t.id AS task_id, s.id AS subject_id, s.name AS subject_name, d.id AS department_id, d.name AS department_name,
       COLLECT { MATCH (t)-[:COVERS]->(m:Matter) RETURN m.id ORDER BY m.id } AS matter_ids,
       COLLECT { MATCH (t)-[:INSPECTED_BY]->(i:Inspector) RETURN i {.id, .name, .cert_no} ORDER BY i.id } AS inspectors,
       t.status AS status
ORDER BY task_id
