// Marks a merge plan accepted (once: the first acceptance's time and user stay).
// mode: write
// params: id, actor
// returns: id, status, accepted_at, accepted_by
MATCH (p:MergePlan {id: $id})
FOREACH (_ IN CASE WHEN p.status = '拟定' THEN [1] ELSE [] END |
  SET p.status = '已接受', p.accepted_at = datetime(), p.accepted_by = $actor, p.updated_at = datetime(),
      p.updated_by = $actor)
RETURN p.id AS id, p.status AS status, p.accepted_at AS accepted_at, p.accepted_by AS accepted_by
