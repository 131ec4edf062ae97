// For each drawn subject: its team in the latest draw before the given time (any time when null), and the
// inspectors who declared a conflict of interest with it.
// mode: read
// params: subject_ids, before_ms
// returns: subject_id, previous_draw_id, previous_team, conflicts
UNWIND $subject_ids AS subject_id
MATCH (s:Subject {id: subject_id})
CALL (s) {
  OPTIONAL MATCH (s)<-[:ON_SUBJECT]-(:InspectionTask)-[:FROM_DRAW]->(draw:RandomDraw)
  WHERE $before_ms IS NULL OR draw.created_at.epochMillis < $before_ms
  WITH draw ORDER BY draw.created_at DESC, draw.id DESC LIMIT 1
  RETURN draw AS last
}
RETURN s.id AS subject_id, last.id AS previous_draw_id,
       COLLECT {
         MATCH (s)<-[:ON_SUBJECT]-(t:InspectionTask)-[:FROM_DRAW]->(d:RandomDraw)
         WHERE d.id = last.id
         MATCH (t)-[:INSPECTED_BY]->(i:Inspector)
         RETURN DISTINCT i.id
       } AS previous_team,
       COLLECT { MATCH (i:Inspector)-[:CONFLICT_WITH]->(s) RETURN i.id } AS conflicts
