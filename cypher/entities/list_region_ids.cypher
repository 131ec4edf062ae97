// The id of every region in the graph, so a load can check references before it writes.
// mode: read
// params:
// returns: ids
MATCH (n:Region)
RETURN collect(n.id) AS ids
