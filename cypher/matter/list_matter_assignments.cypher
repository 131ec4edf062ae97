// The lead and cooperating assignments of a matter in force on a date, each with the departments that
// carry it: for a function, its performers in the region or the regions above it on that date; for a
// department, itself. Without a region, no performers are listed.
// mode: read
// params: id, region_id, as_of
// returns: assignment_id, role, source, function, department, performers
MATCH (:Matter {id: $id})<-[:FOR_MATTER]-(a:Assignment)-[:ASSIGNED_TO]->(holder)
WHERE (a.valid_from IS NULL OR a.valid_from <= $as_of) AND (a.valid_to IS NULL OR $as_of < a.valid_to)
  AND (NOT EXISTS { (a)-[:IN_REGION]->(:Region) }
       OR EXISTS { MATCH (a)-[:IN_REGION]->(scope:Region) MATCH (:Region {id: $region_id})-[:PART_OF*0..]->(scope) })
CALL (holder) {
  OPTIONAL MATCH (holder:Function)<-[p:PERFORMS]-(d:Department)-[:IN_REGION]->(r:Region)
  WHERE $region_id IS NOT NULL
    AND EXISTS { MATCH (:Region {id: $region_id})-[:PART_OF*0..]->(r) }
    AND (p.valid_from IS NULL OR p.valid_from <= $as_of) AND (p.valid_to IS NULL OR $as_of < p.valid_to)
  WITH d, r, p ORDER BY d.id
  RETURN collect(CASE WHEN d IS NULL THEN NULL ELSE {
    id: d.id, name: d.name, level: d.level, region_id: r.id, region_name: r.name,
    valid_from: p.valid_from, valid_to: p.valid_to, source: p.source
  } END) AS performers
}
RETURN a.id AS assignment_id, a.role AS role, a.source AS source,
       CASE WHEN holder:Function THEN holder {.id, .name} END AS function,
       CASE WHEN holder:Department THEN holder {.id, .name} END AS department, performers
ORDER BY role DESC, assignment_id
