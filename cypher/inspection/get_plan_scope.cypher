// What a plan's tasks are made from: its period, ratio and frequency, region, lead and cooperating departments,
// matters, and the subject types it checks: those it TARGETS; when it names none, the types whose name its
// 监管对象 text contains; else the types its matters apply to (types_from says which).
// mode: read
// params: id
// returns: id, name, ratio, frequency_per_year, start, end, region_id, lead_ids, cooperating_ids, matters, type_ids, types_from
MATCH (p:InspectionPlan {id: $id})
OPTIONAL MATCH (p)-[:IN_REGION]->(r:Region)
WITH p, r,
     COLLECT { MATCH (p)-[:TARGETS]->(t:SubjectType) RETURN t.id ORDER BY t.id } AS targeted,
     COLLECT {
       MATCH (t:SubjectType) WHERE p.subjects_text IS NOT NULL AND p.subjects_text CONTAINS t.name
       RETURN t.id ORDER BY t.id
     } AS named,
     COLLECT { MATCH (p)-[:COVERS]->(:Matter)-[:APPLIES_TO]->(t:SubjectType) RETURN DISTINCT t.id ORDER BY t.id } AS applied
RETURN p.id AS id, p.name AS name, p.ratio AS ratio, p.frequency_per_year AS frequency_per_year,
       p.start AS start, p.end AS end, r.id AS region_id,
       COLLECT { MATCH (p)-[:LED_BY]->(d:Department) RETURN d.id ORDER BY d.id } AS lead_ids,
       COLLECT { MATCH (p)-[:COOPERATED_BY]->(d:Department) RETURN d.id ORDER BY d.id } AS cooperating_ids,
       COLLECT { MATCH (p)-[:COVERS]->(m:Matter) RETURN m {.id, .name, .level} ORDER BY m.id } AS matters,
       CASE WHEN size(targeted) > 0 THEN targeted WHEN size(named) > 0 THEN named ELSE applied END AS type_ids,
       CASE WHEN size(targeted) > 0 THEN 'targets' WHEN size(named) > 0 THEN 'subjects_text' ELSE 'matters' END
         AS types_from
