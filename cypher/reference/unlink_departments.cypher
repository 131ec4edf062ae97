// Before reference/upsert_departments, in the same transaction: a department whose row names another region than
// the one it sits in leaves the old region, so that a reload that moves a department leaves it in one region (the
// catalogue's read model, the chain's places and resolution all read a department's single region).
// Apart from the upsert so that neither statement needs an Eager plan; a row states the whole truth.
// mode: write
// params: rows, actor
// returns: unlinked, by
UNWIND $rows AS row
MATCH (d:Department {id: row.id})
CALL (d, row) {
  MATCH (d)-[old:IN_REGION]->(r:Region) WHERE r.id <> row.region_id
  DELETE old
}
RETURN count(*) AS unlinked, $actor AS by
