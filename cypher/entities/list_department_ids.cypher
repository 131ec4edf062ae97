// The id of every department in the graph, so a load can check references before it writes.
// mode: read
// params:
// returns: ids
MATCH (n:Department)
RETURN collect(n.id) AS ids
