// The anomaly sweep over the clues received in a window (from inclusive, to exclusive) within a region and the
// regions below it (null for everywhere), read from the chain summaries kept on each clue
// (graphsvc/clues/summary.py): how many clues, how many of them carry each flag at as_of with these limits, in
// the order LOOP, PING_PONG, CROSS_REGION, CROSS_PROVINCE, STALLED, UNRESOLVED (STALLED from the summary's
// extremes, the same rule as the chain analysis: an open wait stalls when it began before as_of minus its
// limit, given as unacked_before and acked_before), how many carry a flag and all of $flags, and one page of
// their ids in the order asked for (ties by id, in the same direction). The counts fold the window without
// sorting it; the page is a top-k of the flagged clues only (ORDER BY … SKIP … LIMIT), not a sort of the window.
// `stale` counts the clues whose summary is missing or older than their chain: the caller then analyses the
// chains instead.
// mode: read
// params: region_id, received_from, received_to, acknowledge_us, act_us, unacked_before, acked_before, flags, sort, descending, offset, limit
// returns: analysed, stale, flag_counts, total, ids
CALL () {
  CALL () {
    MATCH (c:Clue)  // everywhere: the received_at index, an empty range when a region is asked
    WHERE c.received_at >= CASE WHEN $region_id IS NULL THEN $received_from END AND c.received_at < $received_to
    RETURN c
    UNION
    // From the region's clues: the window as an OR the planner cannot seek with, so it starts at the region.
    MATCH (:Region {id: $region_id})<-[:PART_OF*0..]-(:Region)<-[:IN_REGION]-(c:Clue)
    WHERE ($received_from IS NULL OR c.received_at >= $received_from)
      AND ($received_to IS NULL OR c.received_at < $received_to)
    RETURN c
  }
  WITH c, coalesce(c.chain_flags, []) AS timeless,
       coalesce(c.chain_ack_wait_us > $acknowledge_us, false)
         OR coalesce(c.chain_act_us > $act_us, false)
         OR coalesce(c.chain_unacked_since < $unacked_before, false)
         OR coalesce(c.chain_acked_since < $acked_before, false) AS stalled
  WITH c, timeless, stalled, size(timeless) > 0 OR stalled AS flagged
  RETURN count(c) AS analysed,
         count(CASE WHEN NOT coalesce(c.summary_version = coalesce(c.chain_version, 0), false) THEN 1 END) AS stale,
         [count(CASE WHEN 'LOOP' IN timeless THEN 1 END), count(CASE WHEN 'PING_PONG' IN timeless THEN 1 END),
          count(CASE WHEN 'CROSS_REGION' IN timeless THEN 1 END),
          count(CASE WHEN 'CROSS_PROVINCE' IN timeless THEN 1 END), count(CASE WHEN stalled THEN 1 END),
          count(CASE WHEN 'UNRESOLVED' IN timeless THEN 1 END)] AS flag_counts,
         count(CASE WHEN flagged AND all(code IN $flags WHERE code IN timeless OR (code = 'STALLED' AND stalled))
                    THEN 1 END) AS total
}
CALL () {
  CALL () {
    MATCH (c:Clue)  // everywhere: the received_at index, an empty range when a region is asked
    WHERE c.received_at >= CASE WHEN $region_id IS NULL THEN $received_from END AND c.received_at < $received_to
    RETURN c
    UNION
    // From the region's clues: the window as an OR the planner cannot seek with, so it starts at the region.
    MATCH (:Region {id: $region_id})<-[:PART_OF*0..]-(:Region)<-[:IN_REGION]-(c:Clue)
    WHERE ($received_from IS NULL OR c.received_at >= $received_from)
      AND ($received_to IS NULL OR c.received_at < $received_to)
    RETURN c
  }
  WITH c, coalesce(c.chain_flags, []) AS timeless,
       coalesce(c.chain_ack_wait_us > $acknowledge_us, false)
         OR coalesce(c.chain_act_us > $act_us, false)
         OR coalesce(c.chain_unacked_since < $unacked_before, false)
         OR coalesce(c.chain_acked_since < $acked_before, false) AS stalled
  WITH c, timeless, stalled
  WHERE (size(timeless) > 0 OR stalled)
    AND all(code IN $flags WHERE code IN timeless OR (code = 'STALLED' AND stalled))
  WITH c, CASE $sort WHEN 'received_at' THEN c.received_at WHEN 'hops' THEN c.chain_hops
               ELSE size(timeless) + CASE WHEN stalled THEN 1 ELSE 0 END END AS key
  ORDER BY CASE WHEN $descending THEN key END DESC, CASE WHEN $descending THEN c.id END DESC,
           CASE WHEN NOT $descending THEN key END ASC, CASE WHEN NOT $descending THEN c.id END ASC
  SKIP $offset LIMIT $limit
  RETURN collect(c.id) AS ids
}
RETURN analysed, stale, flag_counts, total, ids
