// One clue with everything its chain shows: its header, its referral hops (with the hop each continues and
// what the first hop's proposal was), and a place (region, lineage up to the province) for its region and for
// every department it names. Times come as ISO 8601 text (toString), which the service parses: the driver's
// hydration of a DateTime costs more than the rest of a hop, so a long chain would cost by its length.
// mode: read
// params: id
// returns: clue, hops, places
MATCH (c:Clue {id: $id})-[:IN_REGION]->(region:Region)
OPTIONAL MATCH (c)-[:RECEIVED_BY]->(receiver:Department)
OPTIONAL MATCH (c)-[:ON_SUBJECT]->(s:Subject)
CALL (c) {
  OPTIONAL MATCH (c)-[about:ABOUT_MATTER]->(m:Matter)
  WITH m, about ORDER BY about.rank, m.id
  RETURN collect(m {.id, .name, score: about.score}) AS matters
}
CALL (c) {
  OPTIONAL MATCH (c)<-[:OF_CLUE]-(h:Referral)-[:TO_DEPARTMENT]->(target:Department)
  OPTIONAL MATCH (h)-[:FROM_DEPARTMENT]->(source:Department)
  OPTIONAL MATCH (previous:Referral)-[:NEXT_HOP]->(h)
  WITH h, target, source, previous ORDER BY h.sent_at, h.id
  RETURN collect(h {.id, .kind, sent_at: toString(h.sent_at), .reason, acknowledged_at: toString(h.acknowledged_at),
                    .acknowledged_by, .outcome, closed_at: toString(h.closed_at), .closed_by,
                    created_at: toString(h.created_at), .created_by,
                    acknowledged_recorded_at: toString(h.acknowledged_recorded_at),
                    closed_recorded_at: toString(h.closed_recorded_at), .sent_backdate_reason, .acknowledged_backdate_reason, .closed_backdate_reason, .proposed_matter_id, .proposed_department_id,
                    .proposal_rule, .proposal_score, .proposal_basis, .proposal_flags,
                    from_id: source.id, to_id: target.id, parent_id: previous.id}) AS hops,
         collect(DISTINCT target) + collect(DISTINCT source) AS departments
}
CALL (region, receiver, departments) {
  UNWIND [region] + [d IN departments + [receiver] WHERE d IS NOT NULL] AS place
  WITH DISTINCT place
  MATCH (place)-[:IN_REGION*0..1]->(r:Region)
  MATCH (r)-[:PART_OF*0..]->(top:Region) WHERE NOT (top)-[:PART_OF]->(:Region)
  RETURN collect({id: place.id, name: place.name, region_id: r.id, region_name: r.name,
                  lineage: [(r)-[:PART_OF*0..]->(up:Region) | up.id],
                  province_id: top.id, province_name: top.name}) AS places
}
RETURN c {.id, .title, .description, .channel, received_at: toString(c.received_at), .status,
          created_at: toString(c.created_at), .created_by,
          region: region {.id, .name}, subject: s {.id, .name}, received_by: receiver {.id, .name},
          matters: matters} AS clue,
       hops, places
