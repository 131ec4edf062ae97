// Every supervision domain, for matching the 监管领域 a form writes.
// mode: read
// params:
// returns: id, name
MATCH (d:Domain)
RETURN d.id AS id, d.name AS name
ORDER BY d.name
