// The departments that perform functions on a date, for a matter of a level asked about a region: in the
// region at that level (the asked region itself when it is at or above that level; a 县-level matter asked
// for a 街道 goes to its 区, a 省-level one to its 省) or, where nobody performs it there, in the regions above
// it (a county fire brigade is part of the city's 支队). `distance` counts the steps up; the rules keep the
// nearest.
// mode: read
// params: function_ids, region_id, level, as_of
// returns: function_id, department, region, performs, distance
MATCH (asked:Region {id: $region_id})
OPTIONAL MATCH (asked)-[:PART_OF*0..]->(at_level:Region {level: $level})
WITH coalesce(at_level, asked) AS target
MATCH up = (target)-[:PART_OF*0..]->(r:Region)<-[:IN_REGION]-(d:Department)-[p:PERFORMS]->(f:Function)
WHERE f.id IN $function_ids
  AND (p.valid_from IS NULL OR p.valid_from <= $as_of) AND (p.valid_to IS NULL OR $as_of < p.valid_to)
  AND (d.valid_from IS NULL OR d.valid_from <= $as_of) AND (d.valid_to IS NULL OR $as_of < d.valid_to)
RETURN f.id AS function_id, d {.id, .name, .level} AS department, r {.id, .name, .level} AS region,
       p {.valid_from, .valid_to, .source} AS performs, length(up) - 2 AS distance
ORDER BY function_id, distance, d.id
