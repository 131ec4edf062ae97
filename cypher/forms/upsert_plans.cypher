// Writes the inspection plans of a 附件2 form: lead and cooperating departments, the matters covered,
// the region; the row is the whole truth about a plan, so links it no longer names are removed.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (region:Region {id: row.region_id}), (lead:Department {id: row.lead_id})
MERGE (p:InspectionPlan {id: row.id})
  ON CREATE SET p.created_at = datetime(), p.created_by = $actor
SET p.name = row.name, p.quantity = row.quantity, p.ratio = row.ratio,
    p.frequency_per_year = row.frequency_per_year, p.start = row.start, p.end = row.end,
    p.subjects_text = row.subjects_text, p.source = row.source,
    p.updated_at = datetime(), p.updated_by = $actor
MERGE (p)-[in_region:IN_REGION]->(region)
SET in_region.updated_at = datetime(), in_region.updated_by = $actor
MERGE (p)-[led_by:LED_BY]->(lead)
SET led_by.updated_at = datetime(), led_by.updated_by = $actor
WITH p, row
CALL (p, row) {
  MATCH (p)-[old:LED_BY]->(other:Department)
  WHERE other.id <> row.lead_id
  DELETE old
}
CALL (p, row) {
  MATCH (p)-[old:COOPERATED_BY]->(other:Department)
  WHERE NOT other.id IN row.cooperating_ids
  DELETE old
}
CALL (p, row) {
  MATCH (p)-[old:COVERS]->(other:Matter)
  WHERE NOT other.id IN row.matter_ids
  DELETE old
}
CALL (p, row) {
  UNWIND row.cooperating_ids AS department_id
  MATCH (d:Department {id: department_id})
  MERGE (p)-[cooperated:COOPERATED_BY]->(d)
  SET cooperated.updated_at = datetime(), cooperated.updated_by = $actor
}
CALL (p, row) {
  UNWIND row.matter_ids AS matter_id
  MATCH (m:Matter {id: matter_id})
  MERGE (p)-[covers:COVERS]->(m)
  SET covers.updated_at = datetime(), covers.updated_by = $actor
}
RETURN p.id AS id
