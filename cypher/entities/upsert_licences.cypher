// Writes licences and filings with their holder, issuing department, matter and domain;
// a row states the whole truth: entities/unlink_licences removes the links it no longer names, just before, in the
// same transaction (one statement doing both would need an Eager plan).
// mode: write
// params: rows, actor
// returns: written
UNWIND $rows AS row
MATCH (holder:Subject {id: row.subject_id}), (issuer:Department {id: row.issuer_id})
MERGE (l:Licence {id: row.id})
  ON CREATE SET l.created_at = datetime(), l.created_by = $actor
SET l.name = row.name, l.licence_no = row.licence_no, l.kind = row.kind, l.status = row.status,
    l.approval_mode = row.approval_mode, l.valid_from = row.valid_from, l.valid_to = row.valid_to,
    l.updated_at = datetime(), l.updated_by = $actor
MERGE (l)-[held:HELD_BY]->(holder)
SET held.updated_at = datetime(), held.updated_by = $actor
MERGE (l)-[issued:ISSUED_BY]->(issuer)
SET issued.updated_at = datetime(), issued.updated_by = $actor
WITH l, row
CALL (l, row) {
  MATCH (m:Matter {id: row.matter_id})
  MERGE (l)-[about:FOR_MATTER]->(m)
  SET about.updated_at = datetime(), about.updated_by = $actor
}
CALL (l, row) {
  MATCH (d:Domain {id: row.domain_id})
  MERGE (l)-[within:IN_DOMAIN]->(d)
  SET within.updated_at = datetime(), within.updated_by = $actor
}
RETURN count(*) AS written
