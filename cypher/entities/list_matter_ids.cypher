// The id of every supervision matter in the graph, so a load can check references before it writes.
// mode: read
// params:
// returns: ids
MATCH (n:Matter)
RETURN collect(n.id) AS ids
