// Gives an existing user a new token; only the token's hash is stored. The user's role and department are
// left as they are: those change only through set_user_role and set_user_department.
// mode: write
// params: user_id, token_id, token_hash, actor
// returns: user_id, token_id, department_id, after
MATCH (u:User {id: $user_id})
CREATE (u)-[:HOLDS {updated_at: datetime(), updated_by: $actor}]->(t:ApiToken {id: $token_id, token_hash: $token_hash,
                                                                              created_at: datetime(), created_by: $actor})
WITH u, t
OPTIONAL MATCH (u)-[:MEMBER_OF]->(d:Department)
RETURN u.id AS user_id, t.id AS token_id, d.id AS department_id, {token_id: t.id, role: u.role} AS after
