// The supervision domains a 监管领域 mapping may point to.
// mode: read
// params:
// returns: id, name
MATCH (d:Domain)
RETURN d.id AS id, d.name AS name
ORDER BY d.id
