// Settles a dispute: the ruling, and an assignment per lead and cooperating department valid from its date,
// scoped to the dispute's region and resting on the cited articles; earlier rulings' assignments for the same
// matter and region end where this one starts (they stay, as history), and this ruling supersedes them.
// The matter is locked before the earlier assignments are read (a write of a constant, removed at the end), so
// rulings made at once on one matter take turns: each ends the one committed before it, and one set stays open.
// mode: write
// params: id, dispute_id, deciding_body, decided_on, effective_from, statement, holders, article_ids, actor
// returns: id, assignments, superseded, before, after
MATCH (dispute:Dispute {id: $dispute_id})-[:FOR_MATTER]->(m:Matter), (dispute)-[:IN_REGION]->(region:Region)
SET m._lock = true
WITH dispute, m, region, {status: dispute.status} AS before
CREATE (ruling:Ruling {id: $id, deciding_body: $deciding_body, decided_on: $decided_on,
                       effective_from: $effective_from, statement: $statement,
                       created_at: datetime(), created_by: $actor, updated_at: datetime(), updated_by: $actor})
CREATE (ruling)-[:SETTLES {updated_at: datetime(), updated_by: $actor}]->(dispute)
SET dispute.status = '已裁定', dispute.updated_at = datetime(), dispute.updated_by = $actor
WITH ruling, dispute, m, region, before
CALL (ruling, m, region) {
  MATCH (earlier:Ruling)-[:CREATED]->(old:Assignment)-[:FOR_MATTER]->(m), (old)-[:IN_REGION]->(region)
  WHERE earlier <> ruling AND (old.valid_to IS NULL OR old.valid_to > $effective_from)
    AND old.valid_from <= $effective_from
  SET old.valid_to = $effective_from, old.updated_at = datetime(), old.updated_by = $actor
  MERGE (ruling)-[s:SUPERSEDES]->(earlier)
  SET s.updated_at = datetime(), s.updated_by = $actor
  RETURN count(DISTINCT earlier) AS superseded
}
CALL (ruling) {
  UNWIND $article_ids AS article_id
  MATCH (article:Article {id: article_id})
  MERGE (ruling)-[b:BASED_ON]->(article)
  SET b.updated_at = datetime(), b.updated_by = $actor
}
CALL (ruling, m, region) {
  UNWIND $holders AS holder
  MATCH (department:Department {id: holder.department_id})
  CREATE (ruling)-[:CREATED {updated_at: datetime(), updated_by: $actor}]->(a:Assignment {
    id: $id + '-' + holder.role + '-' + department.id, role: holder.role, valid_from: $effective_from,
    source: '裁定 ' + $id, created_at: datetime(), created_by: $actor, updated_at: datetime(), updated_by: $actor})
  CREATE (a)-[:FOR_MATTER {updated_at: datetime(), updated_by: $actor}]->(m)
  CREATE (a)-[:ASSIGNED_TO {updated_at: datetime(), updated_by: $actor}]->(department)
  CREATE (a)-[:IN_REGION {updated_at: datetime(), updated_by: $actor}]->(region)
  RETURN count(a) AS assignments
}
REMOVE m._lock
RETURN ruling.id AS id, assignments, superseded, before,
       {status: dispute.status, ruling: ruling.id, assignments: assignments, superseded: superseded} AS after
