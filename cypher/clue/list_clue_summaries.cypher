// Every clue's chain summary as stored (for checks after loads): its version, hop count and timeless flags.
// mode: read
// params:
// returns: id, summary_version, hops, flags
MATCH (c:Clue)
RETURN c.id AS id, c.summary_version AS summary_version, c.chain_hops AS hops, c.chain_flags AS flags
ORDER BY id
