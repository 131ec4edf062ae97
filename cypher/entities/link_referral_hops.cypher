// Links each referral hop to the hop before it (previous → this), once every hop of the load is written.
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
  MATCH (other)-[old:NEXT_HOP]->(hop) WHERE other.id <> coalesce(row.previous_id, '')
  DELETE old
}
CALL (hop, row) {
  MATCH (previous:Referral {id: row.previous_id})
  MERGE (previous)-[next:NEXT_HOP]->(hop)
  SET next.updated_at = datetime(), next.updated_by = $actor
}
RETURN count(*) AS written
