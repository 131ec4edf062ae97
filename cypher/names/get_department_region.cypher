// The region a department in office on the date sits in: the context for the names its users write.
// mode: read
// params: id, as_of
// returns: region_id
MATCH (d:Department {id: $id})-[:IN_REGION]->(r:Region)
WHERE (d.valid_from IS NULL OR d.valid_from <= $as_of) AND (d.valid_to IS NULL OR $as_of < d.valid_to)
RETURN r.id AS region_id
