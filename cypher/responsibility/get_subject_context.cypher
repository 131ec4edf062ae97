// What resolution needs to know about a subject: its region, its type and the licences it holds on a date.
// mode: read
// params: id, as_of
// returns: id, name, region_id, subject_type_id, licences
MATCH (s:Subject {id: $id})
OPTIONAL MATCH (s)-[:LOCATED_IN]->(r:Region)
OPTIONAL MATCH (s)-[:OF_TYPE]->(t:SubjectType)
CALL (s) {
  OPTIONAL MATCH (s)<-[:HELD_BY]-(l:Licence)-[:FOR_MATTER]->(m:Matter)
  WHERE (l.valid_from IS NULL OR l.valid_from <= $as_of) AND (l.valid_to IS NULL OR $as_of < l.valid_to)
    AND coalesce(l.status, '有效') = '有效'
  OPTIONAL MATCH (l)-[:ISSUED_BY]->(issuer:Department)-[:IN_REGION]->(ir:Region)
  WITH l, m, issuer, ir ORDER BY l.id
  RETURN collect(CASE WHEN l IS NULL THEN NULL ELSE l {
    .id, .name, .licence_no, .kind, .approval_mode, .valid_from, .valid_to, matter_id: m.id,
    issuer: issuer {.id, .name, region_id: ir.id, region_name: ir.name}
  } END) AS licences
}
RETURN s.id AS id, s.name AS name, r.id AS region_id, t.id AS subject_type_id, licences
