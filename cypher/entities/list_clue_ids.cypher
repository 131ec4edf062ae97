// The id of every clue in the graph, so a load can check references before it writes.
// mode: read
// params:
// returns: ids
MATCH (n:Clue)
RETURN collect(n.id) AS ids
