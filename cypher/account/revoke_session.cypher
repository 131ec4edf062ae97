// Ends a console session (sign-out); the node stays, marked with who ended it and when.
// mode: write
// params: session_id, actor
// returns: session_id
MATCH (s:Session {id: $session_id})
SET s.revoked_at = coalesce(s.revoked_at, datetime()), s.updated_at = datetime(), s.updated_by = $actor
RETURN s.id AS session_id
