// Changes a user's role (and with it the department they act for: set for department users, none otherwise),
// explicitly: the only statement that changes a role. The user is locked before it is read; the audit log keeps
// before → after.
// mode: write
// params: id, role, department_id, actor
// returns: id, role, department_id, before, after
MATCH (u:User {id: $id})
SET u._lock = true
WITH u
OPTIONAL MATCH (u)-[old:MEMBER_OF]->(was:Department)
WITH u, collect(old) AS olds, {role: u.role, department_id: head(collect(was.id))} AS before
FOREACH (m IN olds | DELETE m)
SET u.role = $role, u.updated_at = datetime(), u.updated_by = $actor
WITH u, before
OPTIONAL MATCH (d:Department {id: $department_id})
CALL (u, d) {
  WITH u, d WHERE d IS NOT NULL
  CREATE (u)-[:MEMBER_OF {updated_at: datetime(), updated_by: $actor}]->(d)
}
REMOVE u._lock
RETURN u.id AS id, u.role AS role, d.id AS department_id, before, {role: u.role, department_id: d.id} AS after
