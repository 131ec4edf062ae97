// Every node and relationship with its properties, for comparing two loads (a checksum in the caller).
// mode: read
// params:
// returns: kind, key, properties
CALL () {
  MATCH (n)
  RETURN 'node' AS kind, labels(n)[0] + ':' + n.id AS key, properties(n) AS properties
  UNION ALL
  MATCH (a)-[r]->(b)
  RETURN 'relationship' AS kind, a.id + '-' + type(r) + '->' + b.id AS key, properties(r) AS properties
}
RETURN kind, key, properties
ORDER BY kind, key
