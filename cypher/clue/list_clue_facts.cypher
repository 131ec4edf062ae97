// The named clues with the facts their chains are analysed from (times as text, to the microsecond: the driver's
// hydration of a DateTime costs a thousand times the parse, graphsvc/clues/times.py), and the
// chain_version the facts were read at, so that a summary computed from them is written only if still current.
// mode: read
// params: ids
// returns: id, version, received_at, status, region_id, receiver_id, hops
UNWIND $ids AS id
MATCH (c:Clue {id: id})-[:IN_REGION]->(r:Region)
RETURN c.id AS id, coalesce(c.chain_version, 0) AS version, toString(c.received_at) AS received_at, c.status AS status,
       r.id AS region_id, head([(c)-[:RECEIVED_BY]->(d:Department) | d.id]) AS receiver_id,
       [(c)<-[:OF_CLUE]-(h:Referral)-[:TO_DEPARTMENT]->(target:Department) |
         h {.id, .kind, sent_at: toString(h.sent_at), acknowledged_at: toString(h.acknowledged_at),
            closed_at: toString(h.closed_at), .outcome, created_at: toString(h.created_at),
            acknowledged_recorded_at: toString(h.acknowledged_recorded_at),
            closed_recorded_at: toString(h.closed_recorded_at), to_id: target.id,
            from_id: head([(h)-[:FROM_DEPARTMENT]->(source:Department) | source.id]),
            parent_id: head([(previous:Referral)-[:NEXT_HOP]->(h) | previous.id])}] AS hops
