// Functions that assignments in force give a role to, but that no department performs on the date in the
// region or any region above it (after following reforms of the function).
// mode: read
// params: region_id, as_of
// returns: id, name, matters
MATCH (m:Matter)<-[:FOR_MATTER]-(a:Assignment)-[:ASSIGNED_TO]->(f:Function)
WHERE (a.valid_from IS NULL OR a.valid_from <= $as_of) AND (a.valid_to IS NULL OR $as_of < a.valid_to)
  AND NOT EXISTS {
    MATCH (f)-[:SUCCEEDED_BY*0..]->(carrier:Function)<-[p:PERFORMS]-(:Department)-[:IN_REGION]->(r:Region)
    MATCH (:Region {id: $region_id})-[:PART_OF*0..]->(r)
    WHERE (p.valid_from IS NULL OR p.valid_from <= $as_of) AND (p.valid_to IS NULL OR $as_of < p.valid_to)
  }
WITH f, collect(DISTINCT m.id) AS matters
RETURN f.id AS id, f.name AS name, matters
ORDER BY id
