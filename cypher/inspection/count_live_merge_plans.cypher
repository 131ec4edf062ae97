// How many merge plans of a region are live (拟定: awaiting acceptance) over a period meeting the given one, and how many
// joint inspections of replaced plans are still proposed: one live plan per region and period is the invariant.
// mode: read
// params: region_id, period_start, period_end
// returns: plans, proposed_joints_of_replaced_plans
MATCH (r:Region {id: $region_id})
RETURN COUNT {
         MATCH (p:MergePlan)-[:IN_REGION]->(r)
         WHERE p.status = '拟定' AND p.period_start <= $period_end AND p.period_end >= $period_start
       } AS plans,
       COUNT {
         MATCH (p:MergePlan {status: '已取代'})-[:IN_REGION]->(r), (p)-[:PROPOSES]->(:JointInspection {status: '拟定'})
       } AS proposed_joints_of_replaced_plans
