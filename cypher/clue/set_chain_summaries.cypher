// Writes the summaries the anomaly sweep reads (graphsvc/clues/summary.py), each only if the clue's chain is
// still at the version the summary was computed from: a summary never overwrites a newer chain's.
// mode: write
// params: rows
// returns: written
UNWIND $rows AS row
MATCH (c:Clue {id: row.id})
WHERE coalesce(c.chain_version, 0) = row.version
SET c.summary_version = row.version, c.chain_hops = row.hops, c.chain_flags = row.flags,
    c.chain_ack_wait_us = row.ack_wait_us, c.chain_act_us = row.act_us,
    c.chain_unacked_since = row.unacked_since, c.chain_acked_since = row.acked_since
RETURN count(*) AS written
