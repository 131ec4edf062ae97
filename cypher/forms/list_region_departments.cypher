// Departments in the given regions that exist on the date: the names a form may use.
// mode: read
// params: region_ids, as_of
// returns: id, name, short_name, region_id
MATCH (d:Department)-[:IN_REGION]->(r:Region)
WHERE r.id IN $region_ids
  AND (d.valid_from IS NULL OR d.valid_from <= $as_of)
  AND (d.valid_to IS NULL OR $as_of < d.valid_to)
RETURN d.id AS id, d.name AS name, d.short_name AS short_name, r.id AS region_id
ORDER BY d.id
