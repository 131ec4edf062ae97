// One user by id, with role and department.
// mode: read
// params: id
// returns: id, name, role, department_id
MATCH (u:User {id: $id})
OPTIONAL MATCH (u)-[:MEMBER_OF]->(d:Department)
RETURN u.id AS id, u.name AS name, u.role AS role, d.id AS department_id
