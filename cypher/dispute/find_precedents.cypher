// Rulings elsewhere that may guide this one, closest first: on the same matter (3), on a matter whose lead
// function is the same (2), on a matter of the same domain (1).
// mode: read
// params: matter_id, region_id, limit
// returns: ruling, dispute_id, matter, region, closeness, lead
MATCH (m:Matter {id: $matter_id})
MATCH (ruling:Ruling)-[:SETTLES]->(dispute:Dispute)-[:FOR_MATTER]->(other:Matter),
      (dispute)-[:IN_REGION]->(region:Region)
WHERE region.id <> $region_id
WITH m, ruling, dispute, other, region,
     CASE
       WHEN other = m THEN 3
       WHEN EXISTS {
         MATCH (m)<-[:FOR_MATTER]-(:Assignment {role: '牵头'})-[:ASSIGNED_TO]->(f:Function)
         MATCH (other)<-[:FOR_MATTER]-(:Assignment {role: '牵头'})-[:ASSIGNED_TO]->(f)
       } THEN 2
       WHEN EXISTS { MATCH (m)-[:IN_DOMAIN]->(:Domain)<-[:IN_DOMAIN]-(other) } THEN 1
       ELSE 0
     END AS closeness
WHERE closeness > 0
CALL (ruling) {
  OPTIONAL MATCH (ruling)-[:CREATED]->(:Assignment {role: '牵头'})-[:ASSIGNED_TO]->(lead:Department)
  RETURN collect(lead {.id, .name}) AS lead
}
RETURN ruling {.id, .deciding_body, .effective_from, .statement} AS ruling, dispute.id AS dispute_id,
       other {.id, .name} AS matter, region {.id, .name} AS region, closeness, lead
ORDER BY closeness DESC, ruling.effective_from DESC, ruling.id
LIMIT $limit
