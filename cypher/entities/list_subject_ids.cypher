// The id of every regulated subject (USCC) in the graph, so a load can check references before it writes.
// mode: read
// params:
// returns: ids
MATCH (n:Subject)
RETURN collect(n.id) AS ids
