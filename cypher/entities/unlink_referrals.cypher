// Before entities/upsert_referrals, in the same transaction: removes the links of referral hops: the clue and
// departments a row no longer names (the clue it leaves has its chain changed).
// Apart from the upsert so that neither statement needs an Eager plan; a row states the whole truth.
// mode: write
// params: rows, actor
// returns: unlinked, by
UNWIND $rows AS row
MATCH (r:Referral {id: row.id})
CALL (r, row) {
  MATCH (r)-[old:OF_CLUE]->(other) WHERE other.id <> row.clue_id
  SET other.chain_version = coalesce(other.chain_version, 0) + 1
  DELETE old
}
CALL (r, row) {
  MATCH (r)-[old:FROM_DEPARTMENT]->(other) WHERE other.id <> row.from_department_id
  DELETE old
}
CALL (r, row) {
  MATCH (r)-[old:TO_DEPARTMENT]->(other) WHERE other.id <> row.to_department_id
  DELETE old
}
RETURN count(*) AS unlinked, $actor AS by
