// The departments of a region (or the regions above it) that perform, on a date, the role a legal text
// names by this wording, following reforms (SUCCEEDED_BY in force on that date) to today's function.
// mode: read
// params: wording, region_id, as_of
// returns: named_function, function_id, department_id, department_name, level
MATCH (named:Function)
WHERE named.name = $wording OR $wording IN named.aliases
MATCH path = (named)-[:SUCCEEDED_BY*0..3]->(f:Function)
WHERE all(s IN relationships(path) WHERE s.valid_from <= $as_of)
MATCH (f)<-[p:PERFORMS]-(d:Department)-[:IN_REGION]->(r:Region)
WHERE EXISTS { MATCH (:Region {id: $region_id})-[:PART_OF*0..]->(r) }
  AND (p.valid_from IS NULL OR p.valid_from <= $as_of) AND (p.valid_to IS NULL OR $as_of < p.valid_to)
  AND (d.valid_to IS NULL OR $as_of < d.valid_to)
RETURN DISTINCT named.id AS named_function, f.id AS function_id, d.id AS department_id, d.name AS department_name,
       d.level AS level
ORDER BY department_id
