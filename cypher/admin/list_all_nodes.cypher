// Every node with its labels and properties: the part of the graph an initial import (neo4j-admin) must carry
// over, read before the store is rewritten (loaders/bulk_import.py; the reference catalogue, thousands of nodes).
// mode: read
// params:
// returns: labels, properties
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS properties
