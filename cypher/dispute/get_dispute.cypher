// A dispute with its matter, region, parties and the rulings that settled it (newest first).
// mode: read
// params: id
// returns: id, kind, text, statement, status, filed_at, created_by, matter, region, claimants, rulings
MATCH (d:Dispute {id: $id})-[:IN_REGION]->(r:Region)
OPTIONAL MATCH (d)-[:FOR_MATTER]->(m:Matter)
CALL (d) {
  OPTIONAL MATCH (d)-[c:CLAIMANT]->(dept:Department)
  WITH dept, c ORDER BY dept.id
  RETURN collect(CASE WHEN dept IS NULL THEN NULL ELSE {id: dept.id, name: dept.name, position: c.position} END)
    AS claimants
}
CALL (d) {
  OPTIONAL MATCH (ruling:Ruling)-[:SETTLES]->(d)
  WITH ruling ORDER BY ruling.effective_from DESC, ruling.id DESC
  RETURN collect(ruling {.id, .deciding_body, .decided_on, .effective_from, .statement, .created_by}) AS rulings
}
RETURN d.id AS id, d.kind AS kind, d.text AS text, d.statement AS statement, d.status AS status,
       d.filed_at AS filed_at, d.created_by AS created_by, m {.id, .name} AS matter, r {.id, .name} AS region,
       claimants, rulings
