// Records that the receiving department acknowledged (签收) a hop of a clue it still holds. The clue is locked
// before anything is read (a write of a constant, removed again: Neo4j manual, "lost updates"), so of callers
// racing on one clue exactly one wins; no row comes back when the hop was acknowledged, passed on or closed.
// The caller's time (acknowledged_at) is kept beside the server's (acknowledged_recorded_at).
// mode: write
// params: clue_id, id, acknowledged_at, backdate_reason, actor
// returns: id, before, after
MATCH (r:Referral {id: $id})-[:OF_CLUE]->(c:Clue {id: $clue_id})
SET c._lock = true
WITH r, c, r {.acknowledged_at, .acknowledged_by} AS before
CALL (r, c) {
  WITH r, c
  WHERE r.acknowledged_at IS NULL AND r.closed_at IS NULL AND NOT EXISTS { (r)-[:NEXT_HOP]->(:Referral) }
  SET r.acknowledged_at = $acknowledged_at, r.acknowledged_by = $actor, r.acknowledged_recorded_at = datetime(),
      r.acknowledged_backdate_reason = $backdate_reason, r.updated_at = datetime(), r.updated_by = $actor,
      c.chain_version = coalesce(c.chain_version, 0) + 1
  RETURN count(*) AS written
}
REMOVE c._lock
WITH r, before, written
WHERE written > 0
RETURN r.id AS id, before, r {.acknowledged_at, .acknowledged_by, .acknowledged_recorded_at, .acknowledged_backdate_reason} AS after
