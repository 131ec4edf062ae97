// Every referral hop with its clue, the hop before it, and the provinces of sender and receiver: whole
// chains, to follow the ones that loop, bounce between two departments, stall or cross borders.
// mode: read
// params:
// returns: clue_id, id, previous_id, from_department_id, to_department_id, from_province, to_province, kind, sent_at, acknowledged_at
MATCH (c:Clue)<-[:OF_CLUE]-(r:Referral)-[:FROM_DEPARTMENT]->(sender:Department),
      (r)-[:TO_DEPARTMENT]->(receiver:Department)
MATCH (sender)-[:IN_REGION]->(:Region)-[:PART_OF*0..]->(sender_province:Region {level: '省'})
MATCH (receiver)-[:IN_REGION]->(:Region)-[:PART_OF*0..]->(receiver_province:Region {level: '省'})
OPTIONAL MATCH (previous:Referral)-[:NEXT_HOP]->(r)
RETURN c.id AS clue_id, r.id AS id, previous.id AS previous_id, sender.id AS from_department_id,
       receiver.id AS to_department_id, sender_province.id AS from_province, receiver_province.id AS to_province,
       r.kind AS kind, r.sent_at AS sent_at, r.acknowledged_at AS acknowledged_at
ORDER BY clue_id, sent_at
