// Examples for clue_chain and list_clue_hops: the clues with the longest referral chains.
// mode: read
// params:
// returns: params, label
MATCH (c:Clue)<-[:OF_CLUE]-(r:Referral)
WITH c, count(r) AS hops
ORDER BY hops DESC, c.id
LIMIT 3
RETURN {clue_id: c.id} AS params, c.id + ' · ' + toString(hops) + ' 跳' AS label
