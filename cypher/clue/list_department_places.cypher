// The named departments as places (region, lineage up to the province), with when they existed; unknown ids
// are left out.
// mode: read
// params: ids
// returns: id, name, region_id, region_name, lineage, province_id, province_name, valid_from, valid_to
MATCH (d:Department)-[:IN_REGION]->(r:Region)
WHERE d.id IN $ids
MATCH (r)-[:PART_OF*0..]->(top:Region) WHERE NOT (top)-[:PART_OF]->(:Region)
RETURN d.id AS id, d.name AS name, r.id AS region_id, r.name AS region_name,
       [(r)-[:PART_OF*0..]->(up:Region) | up.id] AS lineage, top.id AS province_id, top.name AS province_name,
       d.valid_from AS valid_from, d.valid_to AS valid_to
