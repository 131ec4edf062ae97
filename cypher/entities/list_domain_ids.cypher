// The id of every supervision domain in the graph, so a load can check references before it writes.
// mode: read
// params:
// returns: ids
MATCH (n:Domain)
RETURN collect(n.id) AS ids
