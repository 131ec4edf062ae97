// Before entities/upsert_clues, in the same transaction: removes the links of clues: the region, subject, matter and
// receiving department a row no longer names.
// Apart from the upsert so that neither statement needs an Eager plan; a row states the whole truth.
// mode: write
// params: rows, actor
// returns: unlinked, by
UNWIND $rows AS row
MATCH (c:Clue {id: row.id})
CALL (c, row) {
  MATCH (c)-[old:IN_REGION]->(r) WHERE r.id <> row.region_id
  DELETE old
}
CALL (c, row) {
  MATCH (c)-[old:ON_SUBJECT]->(s) WHERE s.id <> coalesce(row.subject_id, '')
  DELETE old
}
CALL (c, row) {
  MATCH (c)-[old:ABOUT_MATTER]->(m) WHERE m.id <> coalesce(row.matter_id, '')
  DELETE old
}
CALL (c, row) {
  MATCH (c)-[old:RECEIVED_BY]->(d) WHERE d.id <> coalesce(row.receiver_id, '')
  DELETE old
}
RETURN count(*) AS unlinked, $actor AS by
