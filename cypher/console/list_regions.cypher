// Every region with its parent, for the region tree.
// mode: read
// params:
// returns: id, name, level, parent_id
MATCH (r:Region)
OPTIONAL MATCH (r)-[:PART_OF]->(p:Region)
RETURN r.id AS id, r.name AS name, r.level AS level, p.id AS parent_id
ORDER BY id
