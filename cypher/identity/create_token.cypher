// Creates (or updates) a user and gives them a new token; only the token's hash is stored.
// mode: write
// params: user_id, name, role, department_id, token_id, token_hash, actor
// returns: user_id, token_id, department_id
MERGE (u:User {id: $user_id})
  ON CREATE SET u.created_at = datetime(), u.created_by = $actor
SET u.name = $name, u.role = $role, u.updated_at = datetime(), u.updated_by = $actor
WITH u
OPTIONAL MATCH (u)-[old:MEMBER_OF]->(:Department)
DELETE old
WITH DISTINCT u
OPTIONAL MATCH (d:Department {id: $department_id})
CALL (u, d) {
  WITH u, d WHERE d IS NOT NULL
  MERGE (u)-[:MEMBER_OF]->(d)
}
CREATE (u)-[:HOLDS]->(t:ApiToken {id: $token_id, token_hash: $token_hash, created_at: datetime(), created_by: $actor})
RETURN u.id AS user_id, t.id AS token_id, d.id AS department_id
