// The clues whose chain summary is missing or older than their chain (after a load, or a write whose summary
// refresh did not happen).
// mode: read
// params:
// returns: ids
MATCH (c:Clue)
WHERE c.summary_version IS NULL OR c.summary_version <> coalesce(c.chain_version, 0)
RETURN collect(c.id) AS ids
