// Opens a console session for a user: a token (only its hash stored) that expires.
// mode: write
// params: user_id, session_id, token_hash, expires_at, actor
// returns: session_id, expires_at
MATCH (u:User {id: $user_id})
CREATE (u)-[:SIGNED_IN {updated_at: datetime(), updated_by: $actor}]->
       (s:Session {id: $session_id, token_hash: $token_hash, expires_at: $expires_at,
                   created_at: datetime(), created_by: $actor, updated_at: datetime(), updated_by: $actor})
RETURN s.id AS session_id, s.expires_at AS expires_at
