// Before entities/upsert_inspectors, in the same transaction: removes the links of inspectors: the department a row
// no longer names.
// Apart from the upsert so that neither statement needs an Eager plan; a row states the whole truth.
// mode: write
// params: rows, actor
// returns: unlinked, by
UNWIND $rows AS row
MATCH (i:Inspector {id: row.id})
CALL (i, row) {
  MATCH (i)-[old:MEMBER_OF]->(other) WHERE other.id <> row.department_id
  DELETE old
}
RETURN count(*) AS unlinked, $actor AS by
