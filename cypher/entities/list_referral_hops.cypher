// Every referral hop with its clue, receiver and time, so a load can check that a new hop continues it.
// mode: read
// params:
// returns: id, clue_id, to_department_id, sent_at
MATCH (c:Clue)<-[:OF_CLUE]-(r:Referral)-[:TO_DEPARTMENT]->(d:Department)
RETURN r.id AS id, c.id AS clue_id, d.id AS to_department_id, r.sent_at AS sent_at
