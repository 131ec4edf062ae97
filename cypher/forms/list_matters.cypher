// Every matter with its name, for matching the 监管事项 a plan covers.
// mode: read
// params:
// returns: id, name
MATCH (m:Matter)
RETURN m.id AS id, m.name AS name
ORDER BY m.id
