// Whether a region code names a region (one row if so, none if not).
// mode: read
// params: id
// returns: id
MATCH (r:Region {id: $id})
RETURN r.id AS id
