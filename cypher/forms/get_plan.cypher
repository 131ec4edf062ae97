// An inspection plan with its region, lead and cooperating departments and the matters it covers.
// mode: read
// params: plan_id
// returns: id, name, quantity, ratio, frequency_per_year, start, end, subjects_text, source, region_id, lead_ids, cooperating_ids, matter_ids
MATCH (p:InspectionPlan {id: $plan_id})
OPTIONAL MATCH (p)-[:IN_REGION]->(region:Region)
OPTIONAL MATCH (p)-[:LED_BY]->(lead:Department)
OPTIONAL MATCH (p)-[:COOPERATED_BY]->(helper:Department)
OPTIONAL MATCH (p)-[:COVERS]->(m:Matter)
WITH p, region, collect(DISTINCT lead.id) AS lead_ids, collect(DISTINCT helper.id) AS cooperating_ids,
     collect(DISTINCT m.id) AS matter_ids
RETURN p.id AS id, p.name AS name, p.quantity AS quantity, p.ratio AS ratio,
       p.frequency_per_year AS frequency_per_year, p.start AS start, p.end AS end,
       p.subjects_text AS subjects_text, p.source AS source, region.id AS region_id,
       lead_ids, cooperating_ids, matter_ids
