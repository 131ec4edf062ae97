// The id of every subject type in the graph, so a load can check references before it writes.
// mode: read
// params:
// returns: ids
MATCH (n:SubjectType)
RETURN collect(n.id) AS ids
