// The server's clock: what an initial import stamps as created_at / updated_at (every write records the server's
// time, also one that bypasses Cypher).
// mode: read
// params:
// returns: now
RETURN datetime() AS now
