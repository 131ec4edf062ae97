// Records that the receiving department acknowledged (签收) a hop of a clue. The hop is locked first; no row
// comes back when it had been acknowledged already.
// mode: write
// params: clue_id, id, acknowledged_at, actor
// returns: id
MATCH (r:Referral {id: $id})-[:OF_CLUE]->(:Clue {id: $clue_id})
SET r.acknowledged_at = r.acknowledged_at
WITH r
WHERE r.acknowledged_at IS NULL
SET r.acknowledged_at = $acknowledged_at, r.acknowledged_by = $actor, r.updated_at = datetime(), r.updated_by = $actor
RETURN r.id AS id
