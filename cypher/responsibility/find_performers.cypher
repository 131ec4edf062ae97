// The departments that perform functions on a date at a matter's level: in the asked region when it is at
// that level or above it, else in the region above it that is at that level (a 县-level matter asked for a
// 街道 goes to its 区; a 省-level matter asked for a 区 goes to its 省).
// mode: read
// params: function_ids, region_id, level, as_of
// returns: function_id, department, region, performs
MATCH (asked:Region {id: $region_id})
OPTIONAL MATCH (asked)-[:PART_OF*0..]->(at_level:Region {level: $level})
WITH coalesce(at_level, asked) AS target
MATCH (target)<-[:IN_REGION]-(d:Department)-[p:PERFORMS]->(f:Function)
WHERE f.id IN $function_ids
  AND (p.valid_from IS NULL OR p.valid_from <= $as_of) AND (p.valid_to IS NULL OR $as_of < p.valid_to)
  AND (d.valid_from IS NULL OR d.valid_from <= $as_of) AND (d.valid_to IS NULL OR $as_of < d.valid_to)
RETURN f.id AS function_id, d {.id, .name, .level} AS department, target {.id, .name, .level} AS region,
       p {.valid_from, .valid_to, .source} AS performs
ORDER BY function_id, d.id
