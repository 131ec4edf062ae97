// One region with its parent and its direct children.
// mode: read
// params: id
// returns: id, name, level, parent_id, parent_name, children, updated_at, updated_by
MATCH (r:Region {id: $id})
OPTIONAL MATCH (r)-[:PART_OF]->(p:Region)
OPTIONAL MATCH (c:Region)-[:PART_OF]->(r)
WITH r, p, c ORDER BY c.id
RETURN r.id AS id, r.name AS name, r.level AS level, p.id AS parent_id, p.name AS parent_name,
       [x IN collect(c) | x {.id, .name, .level}] AS children, r.updated_at AS updated_at, r.updated_by AS updated_by
