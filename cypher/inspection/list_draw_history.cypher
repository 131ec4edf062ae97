// For the drawn subjects that have one: their team in the latest draw before the given epoch milliseconds (any
// time when null), and the inspectors who declared a conflict of interest with them. One row holding a list of
// [subject_id, previous_team, conflicts] (packed: see inspection/list_merge_tasks).
// mode: read
// params: subject_ids, before_ms
// returns: history
UNWIND $subject_ids AS subject_id
MATCH (s:Subject {id: subject_id})
CALL (s) {
  OPTIONAL MATCH (s)<-[:ON_SUBJECT]-(:InspectionTask)-[:FROM_DRAW]->(draw:RandomDraw)
  WHERE $before_ms IS NULL OR draw.created_at.epochMillis < $before_ms
  WITH draw ORDER BY draw.created_at DESC, draw.id DESC LIMIT 1
  RETURN draw AS last
}
WITH s, last, [(i:Inspector)-[:CONFLICT_WITH]->(s) | i.id] AS conflicts
WHERE last IS NOT NULL OR size(conflicts) > 0
RETURN collect([s.id, COLLECT {
         MATCH (s)<-[:ON_SUBJECT]-(t:InspectionTask)-[:FROM_DRAW]->(d:RandomDraw)
         WHERE d.id = last.id
         MATCH (t)-[:INSPECTED_BY]->(i:Inspector)
         RETURN DISTINCT i.id
       }, conflicts]) AS history
