// The id of every inspector in the graph, so a load can check references before it writes.
// mode: read
// params:
// returns: ids
MATCH (n:Inspector)
RETURN collect(n.id) AS ids
