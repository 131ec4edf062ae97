// One supervision domain by its id.
// mode: read
// params: id
// returns: id, name
MATCH (d:Domain {id: $id})
RETURN d.id AS id, d.name AS name
