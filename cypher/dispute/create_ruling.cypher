// Records a ruling (裁定, settling a dispute) or a designation (指定, by a people's government, no dispute) for a
// matter in a region: the matter is an existing one or a new one created here (a 新业态 the catalogue lacked);
// a dispute without a matter is linked to it. One assignment per holder, valid from the effective date and scoped
// to the region: a department, or a function ("the department performing it in each region under this one", so
// each district resolves to its own bureau). Earlier rulings' assignments for the same matter and region end
// where this one starts (they stay, as history), and this ruling supersedes them.
// The matter is locked before the earlier assignments are read (a write of a constant, removed at the end), so
// rulings made at once on one matter take turns: each ends the one committed before it, and one set stays open.
// mode: write
// params: id, kind, dispute_id, matter_id, new_matter, domain_id, region_id, deciding_body, issuer, decided_on, effective_from, retroactive_reason, statement, holders, article_ids, actor
// returns: id, matter_id, assignments, superseded, before, after
MATCH (region:Region {id: $region_id})
CALL () {
  WITH $new_matter AS spec
  WHERE spec IS NOT NULL
  MATCH (domain:Domain {id: $domain_id})
  CREATE (created:Matter {id: spec.id, name: spec.name, description: spec.description, category: spec.category,
                          check_method: spec.check_method, level: spec.level, source: spec.source,
                          created_at: datetime(), created_by: $actor, updated_at: datetime(), updated_by: $actor})
  CREATE (created)-[:IN_DOMAIN {updated_at: datetime(), updated_by: $actor}]->(domain)
  RETURN created AS m
  UNION
  WITH $new_matter AS spec
  WHERE spec IS NULL
  MATCH (m:Matter {id: $matter_id})
  RETURN m
}
SET m._lock = true
WITH m, region, {matter: m.id} AS before
CREATE (ruling:Ruling {id: $id, kind: $kind, deciding_body: $deciding_body, issuer: $issuer, decided_on: $decided_on,
                       effective_from: $effective_from, retroactive_reason: $retroactive_reason,
                       statement: $statement,
                       created_at: datetime(), created_by: $actor, updated_at: datetime(), updated_by: $actor})
WITH ruling, m, region, before
CALL (ruling, m) {
  MATCH (dispute:Dispute {id: $dispute_id})
  CREATE (ruling)-[:SETTLES {updated_at: datetime(), updated_by: $actor}]->(dispute)
  MERGE (dispute)-[f:FOR_MATTER]->(m)
    ON CREATE SET f.updated_at = datetime(), f.updated_by = $actor
  SET dispute.status = '已裁定', dispute.updated_at = datetime(), dispute.updated_by = $actor
}
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
  OPTIONAL MATCH (department:Department {id: holder.department_id})
  OPTIONAL MATCH (function:Function {id: holder.function_id})
  WITH holder, coalesce(department, function) AS h
  WHERE h IS NOT NULL
  CREATE (ruling)-[:CREATED {updated_at: datetime(), updated_by: $actor}]->(a:Assignment {
    id: $id + '-' + holder.role + '-' + h.id, role: holder.role, valid_from: $effective_from,
    source: $kind + ' ' + $id, created_at: datetime(), created_by: $actor, updated_at: datetime(), updated_by: $actor})
  CREATE (a)-[:FOR_MATTER {updated_at: datetime(), updated_by: $actor}]->(m)
  CREATE (a)-[:ASSIGNED_TO {updated_at: datetime(), updated_by: $actor}]->(h)
  CREATE (a)-[:IN_REGION {updated_at: datetime(), updated_by: $actor}]->(region)
  RETURN count(a) AS assignments
}
REMOVE m._lock
RETURN ruling.id AS id, m.id AS matter_id, assignments, superseded, before,
       {ruling: ruling.id, kind: ruling.kind, matter: m.id, assignments: assignments, superseded: superseded} AS after
