// Records how the receiver of a hop closed its branch of the clue (立案/不予立案/移送司法/办结); once no branch
// is open the clue is 已办结. The clue is locked before anything is read, so a loser of a race reads what the
// winner committed: no row comes back when the hop was passed on or closed in the meantime. The caller's time
// (closed_at) is kept beside the server's (closed_recorded_at).
// mode: write
// params: clue_id, id, outcome, closed_at, backdate_reason, outcomes, actor
// returns: id, status, before, after
MATCH (r:Referral {id: $id})-[:OF_CLUE]->(c:Clue {id: $clue_id})
SET c._lock = true
WITH r, c, {status: c.status, outcome: r.outcome, closed_at: r.closed_at} AS before
CALL (r, c) {
  WITH r, c
  WHERE r.closed_at IS NULL AND c.status <> '已办结' AND NOT EXISTS { (r)-[:NEXT_HOP]->(:Referral) }
  SET r.outcome = $outcome, r.closed_at = $closed_at, r.closed_by = $actor, r.closed_recorded_at = datetime(),
      r.closed_backdate_reason = $backdate_reason, r.updated_at = datetime(), r.updated_by = $actor,
      c.chain_version = coalesce(c.chain_version, 0) + 1
  WITH r, c, NOT EXISTS {
    MATCH (c)<-[:OF_CLUE]-(open:Referral)
    WHERE open.closed_at IS NULL AND NOT coalesce(open.outcome IN $outcomes, false)
      AND NOT EXISTS { (open)-[:NEXT_HOP]->(:Referral) }
  } AS done
  SET c.status = CASE WHEN done THEN '已办结' ELSE c.status END, c.updated_at = datetime(), c.updated_by = $actor
  RETURN count(*) AS written
}
REMOVE c._lock
WITH r, c, before, written
WHERE written > 0
RETURN r.id AS id, c.status AS status, before,
       {status: c.status, outcome: r.outcome, closed_at: r.closed_at, closed_recorded_at: r.closed_recorded_at} AS after
