// Links each referral hop to the hop before it (previous → this), once every hop of the load is written; the links
// a row no longer names are removed just before by entities/unlink_referral_hops, in the same transaction.
// mode: write
// params: rows, actor
// returns: written
UNWIND $rows AS row
MATCH (hop:Referral {id: row.id})
CALL (hop) {
  MATCH (hop)-[:OF_CLUE]->(c:Clue)
  SET c.chain_version = coalesce(c.chain_version, 0) + 1
}
CALL (hop, row) {
  MATCH (previous:Referral {id: row.previous_id})
  MERGE (previous)-[next:NEXT_HOP]->(hop)
  SET next.updated_at = datetime(), next.updated_by = $actor
}
RETURN count(*) AS written
