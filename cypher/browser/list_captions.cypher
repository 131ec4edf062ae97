// The captions the loaders wrote for the Browser on named nodes (departments, functions, matters, subjects), with
// the name they shorten.
// mode: read
// params:
// returns: label, id, caption, name
MATCH (n)
WHERE n:Department OR n:Function OR n:Matter OR n:Subject
RETURN labels(n)[0] AS label, n.id AS id, n.caption AS caption, n.name AS name
