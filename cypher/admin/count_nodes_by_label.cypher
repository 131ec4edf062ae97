// How many nodes of each label the graph holds.
// mode: read
// params:
// returns: label, count
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
