// Records a merge plan (拟定) for a region and period, with its parameters, summary and departments, and in the
// same transaction replaces the region's older proposals still awaiting acceptance whose periods meet it (they
// become 已取代, their proposed joint inspections 已取消). The region is locked before anything is read, so of
// proposals made at once each replaces the one committed before it: one live proposal per region and period.
// mode: write
// params: id, region_id, period_start, period_end, parameters, summary, optimal, department_ids, actor
// returns: id, superseded, before, after
MATCH (r:Region {id: $region_id})
SET r._lock = true
WITH r
CALL (r) {
  OPTIONAL MATCH (old:MergePlan {status: '拟定'})-[:IN_REGION]->(r)
  WHERE old.period_start <= $period_end AND old.period_end >= $period_start
  CALL (old) {
    WITH old WHERE old IS NOT NULL
    SET old.status = '已取代', old.updated_at = datetime(), old.updated_by = $actor
    WITH old
    MATCH (old)-[:PROPOSES]->(j:JointInspection {status: '拟定'})
    SET j.status = '已取消', j.updated_at = datetime(), j.updated_by = $actor
  }
  RETURN collect(old.id) AS superseded
}
CREATE (p:MergePlan {id: $id})
SET p.period_start = $period_start, p.period_end = $period_end, p.status = '拟定', p.parameters = $parameters,
    p.summary = $summary, p.optimal = $optimal, p.created_at = datetime(), p.created_by = $actor,
    p.updated_at = datetime(), p.updated_by = $actor
CREATE (p)-[:IN_REGION {updated_at: datetime(), updated_by: $actor}]->(r)
WITH p, r, superseded
CALL (p) {
  UNWIND $department_ids AS department_id
  MATCH (d:Department {id: department_id})
  CREATE (p)-[:BY_DEPARTMENT {updated_at: datetime(), updated_by: $actor}]->(d)
}
REMOVE r._lock
RETURN p.id AS id, superseded, {superseded_live: superseded} AS before, {status: p.status, superseded: superseded} AS after
