// The anomaly sweep over the clues received in a window (from inclusive, to exclusive; null for open) within a
// region and the regions below it (null for everywhere), read from the chain summaries kept on each clue
// (graphsvc/clues/summary.py): how many clues, how many of them carry each flag at as_of with these limits
// (STALLED from the summary's extremes, the same rule as the chain analysis: an open wait stalls when it began
// before as_of minus its limit, given as unacked_before and acked_before), how many carry a flag and all of
// $flags, and one page of their ids in the order asked for (ties by id, in the same direction). `stale` counts
// the clues whose summary is missing or older than their chain: the caller then analyses the chains instead.
// mode: read
// params: region_id, received_from, received_to, acknowledge_us, act_us, unacked_before, acked_before, codes, flags, sort, descending, offset, limit
// returns: analysed, stale, flag_counts, total, ids
CALL () {
  MATCH (c:Clue)-[:IN_REGION]->(:Region)
  WHERE $region_id IS NULL
    AND ($received_from IS NULL OR c.received_at >= $received_from)
    AND ($received_to IS NULL OR c.received_at < $received_to)
  RETURN c
  UNION
  MATCH (:Region {id: $region_id})<-[:PART_OF*0..]-(:Region)<-[:IN_REGION]-(c:Clue)
  WHERE ($received_from IS NULL OR c.received_at >= $received_from)
    AND ($received_to IS NULL OR c.received_at < $received_to)
  RETURN c
}
WITH c, coalesce(c.summary_version = coalesce(c.chain_version, 0), false) AS fresh, coalesce(c.chain_flags, []) AS timeless,
     coalesce(c.chain_ack_wait_us > $acknowledge_us, false)
       OR coalesce(c.chain_act_us > $act_us, false)
       OR coalesce(c.chain_unacked_since < $unacked_before, false)
       OR coalesce(c.chain_acked_since < $acked_before, false) AS stalled
WITH c, fresh,
     [f IN timeless WHERE f <> 'UNRESOLVED'] + CASE WHEN stalled THEN ['STALLED'] ELSE [] END
       + [f IN timeless WHERE f = 'UNRESOLVED'] AS flags
WITH c, fresh, flags,
     CASE $sort WHEN 'received_at' THEN c.received_at WHEN 'hops' THEN c.chain_hops ELSE size(flags) END AS key
ORDER BY CASE WHEN $descending THEN key END DESC, CASE WHEN $descending THEN c.id END DESC,
         CASE WHEN NOT $descending THEN key END ASC, CASE WHEN NOT $descending THEN c.id END ASC
WITH count(c) AS analysed, count(CASE WHEN NOT fresh THEN 1 END) AS stale, collect(flags) AS all_flags,
     collect(CASE WHEN size(flags) > 0 AND all(code IN $flags WHERE code IN flags) THEN c.id END) AS found
RETURN analysed, stale, [code IN $codes | size([f IN all_flags WHERE code IN f])] AS flag_counts,
       size(found) AS total, found[$offset..$offset + $limit] AS ids
