// The assignments rulings created for a matter in a region that are still open (no end date): after any
// sequence of rulings, only the latest ruling's assignments may be open.
// mode: read
// params: matter_id, region_id
// returns: ruling_id, assignment_id
MATCH (ruling:Ruling)-[:CREATED]->(a:Assignment)-[:FOR_MATTER]->(:Matter {id: $matter_id}),
      (a)-[:IN_REGION]->(:Region {id: $region_id})
WHERE a.valid_to IS NULL
RETURN ruling.id AS ruling_id, a.id AS assignment_id
ORDER BY ruling_id, assignment_id
