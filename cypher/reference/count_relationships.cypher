// How many relationships of each type the graph holds, by the labels at either end.
// mode: read
// params:
// returns: type, from_label, to_label, count
MATCH (a)-[r]->(b)
RETURN type(r) AS type, labels(a)[0] AS from_label, labels(b)[0] AS to_label, count(*) AS count
ORDER BY type, from_label, to_label
