// Records a merge plan (拟定) for a region and period, with its parameters, summary and departments.
// mode: write
// params: id, region_id, period_start, period_end, parameters, summary, optimal, department_ids, actor
// returns: id
MATCH (r:Region {id: $region_id})
CREATE (p:MergePlan {id: $id})
SET p.period_start = $period_start, p.period_end = $period_end, p.status = '拟定', p.parameters = $parameters,
    p.summary = $summary, p.optimal = $optimal, p.created_at = datetime(), p.created_by = $actor,
    p.updated_at = datetime(), p.updated_by = $actor
CREATE (p)-[:IN_REGION {updated_at: datetime(), updated_by: $actor}]->(r)
WITH p
CALL (p) {
  UNWIND $department_ids AS department_id
  MATCH (d:Department {id: department_id})
  CREATE (p)-[:BY_DEPARTMENT {updated_at: datetime(), updated_by: $actor}]->(d)
}
RETURN p.id AS id
