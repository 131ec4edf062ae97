// A new proposal replaces the region's older ones still awaiting acceptance whose periods meet its period:
// they become 已取代 and their proposed joint inspections 已取消.
// mode: write
// params: region_id, period_start, period_end, actor
// returns: id
MATCH (p:MergePlan {status: '拟定'})-[:IN_REGION]->(:Region {id: $region_id})
WHERE p.period_start <= $period_end AND p.period_end >= $period_start
SET p.status = '已取代', p.updated_at = datetime(), p.updated_by = $actor
WITH p
CALL (p) {
  MATCH (p)-[:PROPOSES]->(j:JointInspection {status: '拟定'})
  SET j.status = '已取消', j.updated_at = datetime(), j.updated_by = $actor
}
RETURN p.id AS id
