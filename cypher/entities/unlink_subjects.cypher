// Before entities/upsert_subjects, in the same transaction: removes the links of subjects: the region and subject
// types a row no longer names.
// Apart from the upsert so that neither statement needs an Eager plan; a row states the whole truth.
// mode: write
// params: rows, actor
// returns: unlinked, by
UNWIND $rows AS row
MATCH (s:Subject {id: row.id})
CALL (s, row) {
  MATCH (s)-[old:LOCATED_IN]->(r) WHERE r.id <> row.region_id
  DELETE old
}
CALL (s, row) {
  MATCH (s)-[old:OF_TYPE]->(t) WHERE NOT t.id IN row.type_ids
  DELETE old
}
RETURN count(*) AS unlinked, $actor AS by
