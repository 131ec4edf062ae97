// The user behind a console session that is neither revoked nor expired, with their department.
// mode: read
// params: token_hash, now
// returns: id, name, role, token_id, department_id, department_name, expires_at
MATCH (u:User)-[:SIGNED_IN]->(s:Session {token_hash: $token_hash})
WHERE s.revoked_at IS NULL AND s.expires_at > $now
OPTIONAL MATCH (u)-[:MEMBER_OF]->(d:Department)
RETURN u.id AS id, u.name AS name, u.role AS role, s.id AS token_id,
       d.id AS department_id, d.name AS department_name, s.expires_at AS expires_at
