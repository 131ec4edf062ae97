// Examples for draw_subject_inspections: subjects in a joint inspection first, then those that most departments
// check; labelled by counts only (the guide is served without a token, so it names no subject).
// mode: read
// params:
// returns: params, label
MATCH (s:Subject)<-[:ON_SUBJECT]-(t:InspectionTask)-[:BY_DEPARTMENT]->(d:Department)
WITH s, count(DISTINCT t) AS tasks, count(DISTINCT d) AS departments,
     EXISTS { (s)<-[:ON_SUBJECT]-(:JointInspection) } AS joint
WHERE departments >= 2
ORDER BY joint DESC, departments DESC, tasks DESC, s.id
LIMIT 3
RETURN {subject_id: s.id} AS params,
       CASE WHEN joint THEN '有联合检查 · ' ELSE '' END + toString(departments) + ' 个部门 ' + toString(tasks) + ' 项检查'
       AS label
