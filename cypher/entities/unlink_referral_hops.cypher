// Before entities/link_referral_hops, in the same transaction: removes the links from a hop before that a row no
// longer names (apart from the link, so that neither statement needs an Eager plan).
// mode: write
// params: rows, actor
// returns: unlinked, by
UNWIND $rows AS row
MATCH (hop:Referral {id: row.id})
CALL (hop, row) {
  MATCH (other)-[old:NEXT_HOP]->(hop) WHERE other.id <> coalesce(row.previous_id, '')
  DELETE old
}
RETURN count(*) AS unlinked, $actor AS by
