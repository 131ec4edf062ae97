// Creates a user with a stable id (never its display name, which may change or repeat), a role and, for
// department users, the department they act for.
// mode: write
// params: user_id, name, role, department_id, actor
// returns: user_id, department_id, after
CREATE (u:User {id: $user_id, name: $name, role: $role, created_at: datetime(), created_by: $actor,
                updated_at: datetime(), updated_by: $actor})
WITH u
OPTIONAL MATCH (d:Department {id: $department_id})
CALL (u, d) {
  WITH u, d WHERE d IS NOT NULL
  CREATE (u)-[:MEMBER_OF {updated_at: datetime(), updated_by: $actor}]->(d)
}
RETURN u.id AS user_id, d.id AS department_id, {name: u.name, role: u.role, department_id: d.id} AS after
