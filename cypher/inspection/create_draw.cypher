// Records a 双随机 draw: its seed and parameters, region, departments, matters, the inspectors it drew, and who
// drew it when.
// mode: write
// params: id, region_id, seed, parameters, window_start, window_end, roster_size, department_ids, matter_ids, inspector_ids, actor
// returns: id, created_at
MATCH (r:Region {id: $region_id})
CREATE (draw:RandomDraw {id: $id})
SET draw.seed = $seed, draw.parameters = $parameters, draw.window_start = $window_start,
    draw.window_end = $window_end, draw.roster_size = $roster_size, draw.created_at = datetime(),
    draw.created_by = $actor, draw.updated_at = datetime(), draw.updated_by = $actor
CREATE (draw)-[:IN_REGION {updated_at: datetime(), updated_by: $actor}]->(r)
WITH draw
CALL (draw) {
  UNWIND $department_ids AS department_id
  MATCH (d:Department {id: department_id})
  CREATE (draw)-[:BY_DEPARTMENT {updated_at: datetime(), updated_by: $actor}]->(d)
}
CALL (draw) {
  UNWIND $matter_ids AS matter_id
  MATCH (m:Matter {id: matter_id})
  CREATE (draw)-[:COVERS {updated_at: datetime(), updated_by: $actor}]->(m)
}
CALL (draw) {
  UNWIND $inspector_ids AS inspector_id
  MATCH (i:Inspector {id: inspector_id})
  CREATE (draw)-[:DRAWN {updated_at: datetime(), updated_by: $actor}]->(i)
}
RETURN draw.id AS id, draw.created_at AS created_at
