// Before entities/upsert_licences, in the same transaction: removes the links of licences: the holder, issuer,
// matter and domain a row no longer names.
// Apart from the upsert so that neither statement needs an Eager plan; a row states the whole truth.
// mode: write
// params: rows, actor
// returns: unlinked, by
UNWIND $rows AS row
MATCH (l:Licence {id: row.id})
CALL (l, row) {
  MATCH (l)-[old:HELD_BY]->(s) WHERE s.id <> row.subject_id
  DELETE old
}
CALL (l, row) {
  MATCH (l)-[old:ISSUED_BY]->(d) WHERE d.id <> row.issuer_id
  DELETE old
}
CALL (l, row) {
  MATCH (l)-[old:FOR_MATTER]->(m) WHERE m.id <> coalesce(row.matter_id, '')
  DELETE old
}
CALL (l, row) {
  MATCH (l)-[old:IN_DOMAIN]->(d) WHERE d.id <> coalesce(row.domain_id, '')
  DELETE old
}
RETURN count(*) AS unlinked, $actor AS by
