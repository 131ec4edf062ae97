// Writes regulated subjects by USCC, with the region they are located in and their subject types;
// a row states the whole truth: entities/unlink_subjects removes the links it no longer names, just before, in the
// same transaction (one statement doing both would need an Eager plan).
// mode: write
// params: rows, actor
// returns: written
UNWIND $rows AS row
MATCH (region:Region {id: row.region_id})
MERGE (s:Subject {id: row.id})
  ON CREATE SET s.created_at = datetime(), s.created_by = $actor
SET s.name = row.name, s.caption = row.caption, s.kind = row.kind, s.industry_code = row.industry_code, s.address = row.address,
    s.credit_grade = row.credit_grade, s.risk_class = row.risk_class, s.tags = row.tags,
    s.updated_at = datetime(), s.updated_by = $actor
MERGE (s)-[located:LOCATED_IN]->(region)
SET located.updated_at = datetime(), located.updated_by = $actor
WITH s, row
CALL (s, row) {
  UNWIND row.type_ids AS type_id
  MATCH (t:SubjectType {id: type_id})
  MERGE (s)-[of:OF_TYPE]->(t)
  SET of.updated_at = datetime(), of.updated_by = $actor
}
RETURN count(*) AS written
