// A merge plan with its region, departments and the count of its proposals by status.
// mode: read
// params: id
// returns: id, region_id, period_start, period_end, status, parameters, summary, optimal, created_at, created_by, accepted_at, accepted_by, joints
MATCH (p:MergePlan {id: $id})-[:IN_REGION]->(r:Region)
RETURN p.id AS id, r.id AS region_id, p.period_start AS period_start, p.period_end AS period_end,
       p.status AS status, p.parameters AS parameters, p.summary AS summary, p.optimal AS optimal,
       p.created_at AS created_at, p.created_by AS created_by, p.accepted_at AS accepted_at,
       p.accepted_by AS accepted_by,
       COLLECT { MATCH (p)-[:PROPOSES]->(j:JointInspection) RETURN j.status } AS joints
