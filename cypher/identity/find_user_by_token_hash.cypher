// The user behind an unrevoked token, with their department.
// mode: read
// params: token_hash
// returns: id, name, role, token_id, department_id, department_name
MATCH (u:User)-[:HOLDS]->(t:ApiToken {token_hash: $token_hash})
WHERE t.revoked_at IS NULL
OPTIONAL MATCH (u)-[:MEMBER_OF]->(d:Department)
RETURN u.id AS id, u.name AS name, u.role AS role, t.id AS token_id,
       d.id AS department_id, d.name AS department_name
