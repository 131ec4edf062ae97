// One department with its region.
// mode: read
// params: id
// returns: id, name, short_name, level, region_id, region_name
MATCH (d:Department {id: $id})-[:IN_REGION]->(r:Region)
RETURN d.id AS id, d.name AS name, d.short_name AS short_name, d.level AS level,
       r.id AS region_id, r.name AS region_name
