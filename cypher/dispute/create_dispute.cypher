// Records a duty dispute: what it is about, where, the departments that are party to it and their positions.
// mode: write
// params: id, kind, text, statement, matter_id, region_id, claimants, actor
// returns: id
MATCH (region:Region {id: $region_id})
CREATE (d:Dispute {id: $id, kind: $kind, text: $text, statement: $statement, status: '待裁定',
                   filed_at: datetime(), created_at: datetime(), created_by: $actor,
                   updated_at: datetime(), updated_by: $actor})
CREATE (d)-[:IN_REGION {updated_at: datetime(), updated_by: $actor}]->(region)
WITH d
CALL (d) {
  MATCH (m:Matter {id: $matter_id})
  CREATE (d)-[:FOR_MATTER {updated_at: datetime(), updated_by: $actor}]->(m)
}
CALL (d) {
  UNWIND $claimants AS claimant
  MATCH (dept:Department {id: claimant.department_id})
  CREATE (d)-[:CLAIMANT {position: claimant.position, updated_at: datetime(), updated_by: $actor}]->(dept)
}
RETURN d.id AS id
