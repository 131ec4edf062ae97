// Supervision domains by id, to name the domain a thesaurus entry belongs to.
// mode: read
// params:
// returns: id, name
MATCH (d:Domain)
RETURN d.id AS id, d.name AS name
ORDER BY id
