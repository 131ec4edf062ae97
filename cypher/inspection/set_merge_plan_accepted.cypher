// Marks a merge plan accepted, once: only a plan still 拟定 changes, and the first acceptance's time and user
// stay. The plan's region is locked before the status is read, so an acceptance and a newer proposal replacing
// the plan cannot both win. `before` is the status the acceptance found.
// mode: write
// params: id, actor
// returns: id, status, accepted_at, accepted_by, before, after
MATCH (p:MergePlan {id: $id})-[:IN_REGION]->(region:Region)
SET region._lock = true
WITH p, region, {status: p.status, accepted_by: p.accepted_by} AS before
CALL (p) {
  WITH p WHERE p.status = '拟定'
  SET p.status = '已接受', p.accepted_at = datetime(), p.accepted_by = $actor, p.updated_at = datetime(),
      p.updated_by = $actor
}
REMOVE region._lock
RETURN p.id AS id, p.status AS status, p.accepted_at AS accepted_at, p.accepted_by AS accepted_by, before,
       {status: p.status, accepted_by: p.accepted_by} AS after
