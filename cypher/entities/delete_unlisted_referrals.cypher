// `graphsvc load referrals FILE --replace`: the file is the corrected list of the hops of the clues it names, so
// the hops of those clues that an earlier load wrote and the file no longer lists are removed (with their links;
// the audit log keeps their ids). Hops recorded through the API (created by a user, u_…) are never removed.
// mode: write
// params: clue_ids, keep_ids, actor
// returns: removed, before, after
OPTIONAL MATCH (r:Referral)-[:OF_CLUE]->(c:Clue)
WHERE c.id IN $clue_ids AND NOT r.id IN $keep_ids AND NOT coalesce(r.created_by, '') STARTS WITH 'u_'
WITH collect(r) AS gone, collect(DISTINCT c) AS changed
WITH gone, changed, [r IN gone | r.id] AS removed
FOREACH (r IN gone | DETACH DELETE r)
FOREACH (c IN changed | SET c.chain_version = coalesce(c.chain_version, 0) + 1)
RETURN removed, {hops: removed} AS before, {hops: [], by: $actor} AS after
