// The planned tasks a merge plan may merge: on subjects located in the region or below it, whose windows meet
// the period, by the given departments (all when the list is empty), not yet merged into a confirmed joint visit.
// One row holding a list of [id, subject_id, department_id, window_start, window_end, matter_ids], the dates as
// ISO strings: the Python driver decodes one packed row of strings several times faster than 100k records of
// temporal values, and this is most of a county-wide merge's time.
// mode: read
// params: region_id, period_start, period_end, department_ids
// returns: tasks
MATCH (:Region {id: $region_id})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(s:Subject)<-[:ON_SUBJECT]-(t:InspectionTask)
WHERE t.status = '计划' AND t.window_start <= $period_end AND t.window_end >= $period_start
MATCH (t)-[:BY_DEPARTMENT]->(d:Department)
WHERE (size($department_ids) = 0 OR d.id IN $department_ids)
  AND NOT EXISTS { (t)-[:MERGED_INTO]->(j:JointInspection) WHERE j.status IN ['已确认', '已完成'] }
RETURN collect([t.id, s.id, d.id, toString(t.window_start), toString(t.window_end),
                [(t)-[:COVERS]->(m:Matter) | m.id]]) AS tasks
