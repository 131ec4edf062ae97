// Records how the receiver of a hop closed its branch of the clue (立案/不予立案/移送司法/办结); once no branch
// is open the clue is 已办结. The clue is locked first; no row comes back when the hop was passed on or closed
// in the meantime.
// mode: write
// params: clue_id, id, outcome, closed_at, outcomes, actor
// returns: id, status
MATCH (r:Referral {id: $id})-[:OF_CLUE]->(c:Clue {id: $clue_id})
SET c.status = c.status
WITH r, c
WHERE r.closed_at IS NULL AND c.status <> '已办结' AND NOT EXISTS { (r)-[:NEXT_HOP]->(:Referral) }
SET r.outcome = $outcome, r.closed_at = $closed_at, r.closed_by = $actor, r.updated_at = datetime(),
    r.updated_by = $actor
WITH r, c
CALL (c) {
  RETURN NOT EXISTS {
    MATCH (c)<-[:OF_CLUE]-(open:Referral)
    WHERE open.closed_at IS NULL AND NOT coalesce(open.outcome IN $outcomes, false)
      AND NOT EXISTS { (open)-[:NEXT_HOP]->(:Referral) }
  } AS done
}
SET c.status = CASE WHEN done THEN '已办结' ELSE c.status END, c.updated_at = datetime(), c.updated_by = $actor
RETURN r.id AS id, c.status AS status
