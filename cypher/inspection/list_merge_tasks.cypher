// The planned tasks a merge plan may merge: on subjects located in the region or below it, whose windows meet
// the period, by the given departments (all when the list is empty), not yet merged into a confirmed joint visit.
// mode: read
// params: region_id, period_start, period_end, department_ids
// returns: id, subject_id, department_id, window_start, window_end, matter_ids
MATCH (:Region {id: $region_id})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(s:Subject)<-[:ON_SUBJECT]-(t:InspectionTask)
WHERE t.status = '计划' AND t.window_start <= $period_end AND t.window_end >= $period_start
MATCH (t)-[:BY_DEPARTMENT]->(d:Department)
WHERE (size($department_ids) = 0 OR d.id IN $department_ids)
  AND NOT EXISTS { (t)-[:MERGED_INTO]->(j:JointInspection) WHERE j.status IN ['已确认', '已完成'] }
RETURN t.id AS id, s.id AS subject_id, d.id AS department_id, t.window_start AS window_start,
       t.window_end AS window_end, COLLECT { MATCH (t)-[:COVERS]->(m:Matter) RETURN m.id ORDER BY m.id } AS matter_ids
ORDER BY id
