// Every node and relationship with its properties, for comparing two loads (a checksum in the caller). Audit
// events record the writes (a second load adds its own) and the catalogue's version stamp changes with every write
// (graphsvc/catalogue_version.py): neither is content, both are left out.
// mode: read
// params:
// returns: kind, key, properties
CALL () {
  MATCH (n)
  WHERE NOT n:AuditEvent AND NOT n:CatalogueVersion
  RETURN 'node' AS kind, labels(n)[0] + ':' + n.id AS key, properties(n) AS properties
  UNION ALL
  MATCH (a)-[r]->(b)
  RETURN 'relationship' AS kind, a.id + '-' + type(r) + '->' + b.id AS key, properties(r) AS properties
}
RETURN kind, key, properties
ORDER BY kind, key
