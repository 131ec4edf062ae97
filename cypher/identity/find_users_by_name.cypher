// The users carrying a display name (names may repeat; ids never do), with role and department.
// mode: read
// params: name
// returns: id, name, role, department_id
MATCH (u:User {name: $name})
OPTIONAL MATCH (u)-[:MEMBER_OF]->(d:Department)
RETURN u.id AS id, u.name AS name, u.role AS role, d.id AS department_id
ORDER BY u.created_at, u.id
