// A stored draw: seed, parameters, region, departments, matters, who drew it and when.
// mode: read
// params: id
// returns: id, seed, parameters, region_id, window_start, window_end, roster_size, created_at, created_by, department_ids, matter_ids
MATCH (draw:RandomDraw {id: $id})-[:IN_REGION]->(r:Region)
RETURN draw.id AS id, draw.seed AS seed, draw.parameters AS parameters, r.id AS region_id,
       draw.window_start AS window_start, draw.window_end AS window_end, draw.roster_size AS roster_size,
       draw.created_at AS created_at, draw.created_by AS created_by,
       COLLECT { MATCH (draw)-[:BY_DEPARTMENT]->(d:Department) RETURN d.id ORDER BY d.id } AS department_ids,
       COLLECT { MATCH (draw)-[:COVERS]->(m:Matter) RETURN m.id ORDER BY m.id } AS matter_ids
