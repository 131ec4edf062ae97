// What a plan's tasks are made from: its period, ratio and frequency, region, lead and cooperating departments,
// matters, and the subject types it targets (TARGETS; when it names none, the types its matters apply to).
// mode: read
// params: id
// returns: id, name, ratio, frequency_per_year, start, end, region_id, lead_ids, cooperating_ids, matters, type_ids, targeted
MATCH (p:InspectionPlan {id: $id})
OPTIONAL MATCH (p)-[:IN_REGION]->(r:Region)
WITH p, r, COLLECT { MATCH (p)-[:TARGETS]->(t:SubjectType) RETURN t.id ORDER BY t.id } AS targeted
RETURN p.id AS id, p.name AS name, p.ratio AS ratio, p.frequency_per_year AS frequency_per_year,
       p.start AS start, p.end AS end, r.id AS region_id,
       COLLECT { MATCH (p)-[:LED_BY]->(d:Department) RETURN d.id ORDER BY d.id } AS lead_ids,
       COLLECT { MATCH (p)-[:COOPERATED_BY]->(d:Department) RETURN d.id ORDER BY d.id } AS cooperating_ids,
       COLLECT { MATCH (p)-[:COVERS]->(m:Matter) RETURN m {.id, .name, .level} ORDER BY m.id } AS matters,
       CASE WHEN size(targeted) > 0 THEN targeted ELSE COLLECT {
         MATCH (p)-[:COVERS]->(:Matter)-[:APPLIES_TO]->(t:SubjectType) RETURN DISTINCT t.id ORDER BY t.id
       } END AS type_ids,
       size(targeted) > 0 AS targeted
