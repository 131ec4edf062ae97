// Revokes a token by its id; the token stays, marked with who revoked it and when.
// mode: write
// params: token_id, actor
// returns: token_id, revoked_at, user_id
MATCH (u:User)-[:HOLDS]->(t:ApiToken {id: $token_id})
SET t.revoked_at = coalesce(t.revoked_at, datetime()),
    t.revoked_by = coalesce(t.revoked_by, $actor),
    t.updated_at = datetime(), t.updated_by = $actor
RETURN t.id AS token_id, t.revoked_at AS revoked_at, u.id AS user_id
