// Referral hops between two departments sent in a window (from inclusive, to exclusive; null for open) where
// the sender or the receiver lies in a region or below it (null for everywhere), with when each was
// acknowledged and when its receiver acted on it (passed it on, or closed its branch). Times come as epoch
// seconds, which the driver decodes far faster than temporal values.
// mode: read
// params: region_id, sent_from, sent_to
// returns: kind, from_id, to_id, sent_at, acknowledged_at, acted_at
MATCH (source:Department)<-[:FROM_DEPARTMENT]-(h:Referral)-[:TO_DEPARTMENT]->(target:Department)
WHERE ($sent_from IS NULL OR h.sent_at >= $sent_from)
  AND ($sent_to IS NULL OR h.sent_at < $sent_to)
  AND ($region_id IS NULL
       OR EXISTS { (source)-[:IN_REGION]->(:Region)-[:PART_OF*0..]->(:Region {id: $region_id}) }
       OR EXISTS { (target)-[:IN_REGION]->(:Region)-[:PART_OF*0..]->(:Region {id: $region_id}) })
RETURN h.kind AS kind, source.id AS from_id, target.id AS to_id, h.sent_at.epochSeconds AS sent_at,
       h.acknowledged_at.epochSeconds AS acknowledged_at,
       coalesce(h.closed_at, head(COLLECT {
         MATCH (h)-[:NEXT_HOP]->(next:Referral) RETURN next.sent_at ORDER BY next.sent_at LIMIT 1
       })).epochSeconds AS acted_at
