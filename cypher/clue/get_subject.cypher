// One regulated subject by its USCC, to check a clue names a subject the graph knows.
// mode: read
// params: id
// returns: id, name
MATCH (s:Subject {id: $id})
RETURN s.id AS id, s.name AS name
