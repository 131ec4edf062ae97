// The user who signs in with this user name, if any, with their role and department.
// mode: read
// params: username
// returns: id, role, department_id
MATCH (u:User {username: $username})
OPTIONAL MATCH (u)-[:MEMBER_OF]->(d:Department)
RETURN u.id AS id, u.role AS role, d.id AS department_id
