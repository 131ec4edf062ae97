// Every relationship with its type, properties and its ends named by label and id (every label has a unique id):
// what an initial import (neo4j-admin) must carry over besides the nodes (loaders/bulk_import.py).
// mode: read
// params:
// returns: start_label, start_id, type, properties, end_label, end_id
MATCH (a)-[r]->(b)
RETURN labels(a)[0] AS start_label, a.id AS start_id, type(r) AS type, properties(r) AS properties,
       labels(b)[0] AS end_label, b.id AS end_id
