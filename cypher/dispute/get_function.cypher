// One function (a role the law names) by its id.
// mode: read
// params: id
// returns: id, name
MATCH (f:Function {id: $id})
RETURN f.id AS id, f.name AS name
