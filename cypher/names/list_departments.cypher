// Every department with its region, for resolving the names people write (区卫健委, 公安雁塔分局 …).
// mode: read
// params: as_of
// returns: id, name, short_name, region_id, valid_from, valid_to, in_office
MATCH (d:Department)-[:IN_REGION]->(r:Region)
RETURN d.id AS id, d.name AS name, d.short_name AS short_name, r.id AS region_id,
       d.valid_from AS valid_from, d.valid_to AS valid_to,
       (d.valid_from IS NULL OR d.valid_from <= $as_of) AND (d.valid_to IS NULL OR $as_of < d.valid_to) AS in_office
ORDER BY d.id
