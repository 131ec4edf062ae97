// Records the next hops of a clue from a department that holds it: one hop, or several when a 分办 fans out.
// The clue is locked before anything is read, so two callers cannot pass on the same holding at once, nor pass
// it on while another closes it: no row comes back when the holding was passed on or closed in the meantime.
// Hop ids number on from the clue's hops: <clue id>-<n>. The caller's times (sent_at, acknowledged_at) are kept
// beside the server's (created_at, acknowledged_recorded_at).
// mode: write
// params: clue_id, parent_id, from_id, kind, hops, status, backdate_reason, actor
// returns: ids, before, after
MATCH (c:Clue {id: $clue_id})
SET c._lock = true
WITH c, {status: c.status} AS before
OPTIONAL MATCH (parent:Referral {id: $parent_id})-[:OF_CLUE]->(c)
CALL (c, parent) {
  WITH c, parent
  WHERE c.status <> '已办结'
    AND CASE WHEN $parent_id IS NULL THEN NOT EXISTS { (:Referral)-[:OF_CLUE]->(c) }
             ELSE parent IS NOT NULL AND parent.closed_at IS NULL AND NOT EXISTS { (parent)-[:NEXT_HOP]->(:Referral) }
        END
  MATCH (source:Department {id: $from_id})
  SET c.status = $status, c.chain_version = coalesce(c.chain_version, 0) + 1, c.updated_at = datetime(), c.updated_by = $actor
  WITH c, parent, source, COUNT { (:Referral)-[:OF_CLUE]->(c) } AS existing
  UNWIND $hops AS hop
  WITH c, parent, source, hop, c.id + '-' + toString(existing + hop.n) AS hop_id
  MATCH (target:Department {id: hop.to_id})
  CREATE (r:Referral {id: hop_id, kind: $kind, sent_at: hop.sent_at, reason: hop.reason, sent_backdate_reason: $backdate_reason,
                      caption: $kind + ' ' + toString(hop.sent_at.month) + '-' + right('0' + toString(hop.sent_at.day), 2) + ' → ' + coalesce(last(split(target.caption, ' ')), target.short_name, target.name),
                      acknowledged_at: hop.acknowledged_at,
                      acknowledged_by: CASE WHEN hop.acknowledged_at IS NULL THEN NULL ELSE $actor END,
                      acknowledged_recorded_at: CASE WHEN hop.acknowledged_at IS NULL THEN NULL ELSE datetime() END,
                      created_at: datetime(), created_by: $actor, updated_at: datetime(), updated_by: $actor})
  CREATE (r)-[:OF_CLUE {updated_at: datetime(), updated_by: $actor}]->(c)
  CREATE (r)-[:FROM_DEPARTMENT {updated_at: datetime(), updated_by: $actor}]->(source)
  CREATE (r)-[:TO_DEPARTMENT {updated_at: datetime(), updated_by: $actor}]->(target)
  FOREACH (previous IN CASE WHEN parent IS NULL THEN [] ELSE [parent] END |
    CREATE (previous)-[:NEXT_HOP {updated_at: datetime(), updated_by: $actor}]->(r)
  )
  RETURN collect(r.id) AS ids
}
REMOVE c._lock
WITH c, before, ids
WHERE size(ids) > 0
RETURN ids, before, {status: c.status, hops: ids} AS after
