// Removes every node and relationship (the schema stays). Only the test fixture calls it, behind a guard.
// mode: write
// params:
// returns: deleted
MATCH (n)
DETACH DELETE n
RETURN count(n) AS deleted
