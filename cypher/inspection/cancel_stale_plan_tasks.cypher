// Cancels (已取消, never deletes) a plan's planned tasks that a new generation no longer makes, unless they are
// already merged into a confirmed joint inspection; records the seed of the generation on the plan.
// mode: write
// params: plan_id, keep_ids, seed, actor
// returns: cancelled
MATCH (p:InspectionPlan {id: $plan_id})
SET p.task_seed = $seed, p.updated_at = datetime(), p.updated_by = $actor
WITH p
OPTIONAL MATCH (t:InspectionTask {status: '计划'})-[:FROM_PLAN]->(p)
WHERE NOT t.id IN $keep_ids
  AND NOT EXISTS { (t)-[:MERGED_INTO]->(j:JointInspection) WHERE j.status IN ['已确认', '已完成'] }
SET t.status = '已取消', t.updated_at = datetime(), t.updated_by = $actor
RETURN count(t) AS cancelled
