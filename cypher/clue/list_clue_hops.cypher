// The clues received in a window (from inclusive, to exclusive; null for open) within a region and the regions
// below it (null for everywhere), one row per referral hop (or one row with null hop fields for a clue without
// hops), for the chain analysis. Flat rows of plain values, times as epoch seconds: tens of thousands of clues
// decode several times faster so than as nested maps of temporal values.
// mode: read
// params: region_id, received_from, received_to
// returns: clue_id, received_at, status, region_id, receiver_id, id, kind, to_id, from_id, parent_id, sent_at, acknowledged_at, closed_at, outcome, created_at, acknowledged_recorded_at, closed_recorded_at
MATCH (c:Clue)-[:IN_REGION]->(r:Region)
WHERE ($received_from IS NULL OR c.received_at >= $received_from)
  AND ($received_to IS NULL OR c.received_at < $received_to)
  AND ($region_id IS NULL OR EXISTS { (r)-[:PART_OF*0..]->(:Region {id: $region_id}) })
OPTIONAL MATCH (c)<-[:OF_CLUE]-(h:Referral)-[:TO_DEPARTMENT]->(target:Department)
RETURN c.id AS clue_id, c.received_at.epochSeconds AS received_at, c.status AS status, r.id AS region_id,
       head([(c)-[:RECEIVED_BY]->(d:Department) | d.id]) AS receiver_id,
       h.id AS id, h.kind AS kind, target.id AS to_id,
       head([(h)-[:FROM_DEPARTMENT]->(source:Department) | source.id]) AS from_id,
       head([(previous:Referral)-[:NEXT_HOP]->(h) | previous.id]) AS parent_id,
       h.sent_at.epochSeconds AS sent_at, h.acknowledged_at.epochSeconds AS acknowledged_at,
       h.closed_at.epochSeconds AS closed_at, h.outcome AS outcome,
       h.created_at.epochSeconds AS created_at, h.acknowledged_recorded_at.epochSeconds AS acknowledged_recorded_at,
       h.closed_recorded_at.epochSeconds AS closed_recorded_at
