// How many nodes and relationships the graph's content holds: loading the same form twice must not change them.
// Audit events (a record of every write, one more per load) are not content and are left out.
// mode: read
// params:
// returns: nodes, relationships
CALL () {
  MATCH (n)
  WHERE NOT n:AuditEvent
  RETURN count(n) AS nodes
}
CALL () {
  MATCH ()-[r]->()
  RETURN count(r) AS relationships
}
RETURN nodes, relationships
