// Every token with its user, newest first (hashes are never returned).
// mode: read
// params:
// returns: token_id, user_id, name, role, department_id, created_at, created_by, revoked_at
MATCH (u:User)-[:HOLDS]->(t:ApiToken)
OPTIONAL MATCH (u)-[:MEMBER_OF]->(d:Department)
RETURN t.id AS token_id, u.id AS user_id, u.name AS name, u.role AS role, d.id AS department_id,
       t.created_at AS created_at, t.created_by AS created_by, t.revoked_at AS revoked_at
ORDER BY t.created_at DESC
