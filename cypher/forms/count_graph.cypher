// How many nodes and relationships the graph holds: loading the same form twice must not change them.
// mode: read
// params:
// returns: nodes, relationships
CALL () {
  MATCH (n)
  RETURN count(n) AS nodes
}
CALL () {
  MATCH ()-[r]->()
  RETURN count(r) AS relationships
}
RETURN nodes, relationships
