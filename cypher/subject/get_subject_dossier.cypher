// The subject's file (一户一档): identity, region, type, licences, inspections and clues.
// mode: read
// params: id
// returns: id, name, kind, industry_code, address, credit_grade, risk_class, tags, region, subject_type, licences, inspections, clues
MATCH (s:Subject {id: $id})
OPTIONAL MATCH (s)-[:LOCATED_IN]->(r:Region)
OPTIONAL MATCH (s)-[:OF_TYPE]->(t:SubjectType)
CALL (s) {
  OPTIONAL MATCH (s)<-[:HELD_BY]-(l:Licence)
  OPTIONAL MATCH (l)-[:ISSUED_BY]->(issuer:Department)
  WITH l, issuer ORDER BY l.valid_from DESC, l.id
  RETURN collect(CASE WHEN l IS NULL THEN NULL ELSE l {
    .id, .name, .licence_no, .kind, .status, .approval_mode, .valid_from, .valid_to,
    issuer: issuer {.id, .name}
  } END) AS licences
}
CALL (s) {
  OPTIONAL MATCH (s)<-[:ON_SUBJECT]-(task:InspectionTask)-[:BY_DEPARTMENT]->(d:Department)
  OPTIONAL MATCH (task)-[:MERGED_INTO]->(j:JointInspection)
  WITH task, d, j, COLLECT { MATCH (task)-[:COVERS]->(m:Matter) RETURN m {.id, .name} ORDER BY m.id } AS matters
  ORDER BY task.window_start DESC, task.id
  RETURN collect(CASE WHEN task IS NULL THEN NULL ELSE task {
    .id, .kind, .status, .window_start, .window_end, .done_on,
    department: d {.id, .name}, matters: matters, joint_inspection_id: j.id
  } END) AS inspections
}
CALL (s) {
  OPTIONAL MATCH (s)<-[:ON_SUBJECT]-(c:Clue)
  OPTIONAL MATCH (c)-[:RECEIVED_BY]->(d:Department)
  WITH c, d, COUNT { (c)<-[:OF_CLUE]-(:Referral) } AS hops
  ORDER BY c.received_at DESC, c.id
  RETURN collect(CASE WHEN c IS NULL THEN NULL ELSE c {
    .id, .title, .channel, .received_at, .status, received_by: d {.id, .name}, referral_hops: hops
  } END) AS clues
}
RETURN s.id AS id, s.name AS name, s.kind AS kind, s.industry_code AS industry_code, s.address AS address,
       s.credit_grade AS credit_grade, s.risk_class AS risk_class, s.tags AS tags,
       r {.id, .name} AS region, t {.id, .name} AS subject_type, licences, inspections, clues
