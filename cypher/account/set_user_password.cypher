// Creates the console user if new (or finds them by user name) and sets name, role, department and password hash.
// mode: write
// params: user_id, username, name, role, department_id, password_hash, actor
// returns: id, username, name, role, department_id
MERGE (u:User {id: $user_id})
  ON CREATE SET u.created_at = datetime(), u.created_by = $actor
SET u.username = $username, u.name = $name, u.role = $role, u.password_hash = $password_hash,
    u.updated_at = datetime(), u.updated_by = $actor
WITH u
OPTIONAL MATCH (u)-[old:MEMBER_OF]->(:Department)
DELETE old
WITH DISTINCT u
OPTIONAL MATCH (d:Department {id: $department_id})
CALL (u, d) {
  WITH u, d WHERE d IS NOT NULL
  MERGE (u)-[m:MEMBER_OF]->(d)
  SET m.updated_at = datetime(), m.updated_by = $actor
}
RETURN u.id AS id, u.username AS username, u.name AS name, u.role AS role, d.id AS department_id
