// Writes the tasks of a draw (双随机, 计划), one per drawn subject and department, with its matters and its
// drawn inspectors; the row marked first for its subject records that the draw DRAWN the subject.
// mode: write
// params: draw_id, rows, actor
// returns: written
MATCH (draw:RandomDraw {id: $draw_id})
UNWIND $rows AS row
MATCH (s:Subject {id: row.subject_id}), (d:Department {id: row.department_id})
FOREACH (_ IN CASE WHEN row.first THEN [1] ELSE [] END |
  CREATE (draw)-[:DRAWN {updated_at: datetime(), updated_by: $actor}]->(s))
CREATE (t:InspectionTask {id: row.id})
SET t.window_start = draw.window_start, t.window_end = draw.window_end, t.kind = '双随机', t.status = '计划',
    t.created_at = datetime(), t.created_by = $actor, t.updated_at = datetime(), t.updated_by = $actor
CREATE (t)-[:BY_DEPARTMENT {updated_at: datetime(), updated_by: $actor}]->(d)
CREATE (t)-[:ON_SUBJECT {updated_at: datetime(), updated_by: $actor}]->(s)
CREATE (t)-[:FROM_DRAW {updated_at: datetime(), updated_by: $actor}]->(draw)
WITH t, row
CALL (t, row) {
  UNWIND row.matter_ids AS matter_id
  MATCH (m:Matter {id: matter_id})
  CREATE (t)-[:COVERS {updated_at: datetime(), updated_by: $actor}]->(m)
}
CALL (t, row) {
  UNWIND row.inspector_ids AS inspector_id
  MATCH (i:Inspector {id: inspector_id})
  CREATE (t)-[:INSPECTED_BY {updated_at: datetime(), updated_by: $actor}]->(i)
}
RETURN count(*) AS written
