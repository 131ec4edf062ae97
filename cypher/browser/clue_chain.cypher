// 线索去哪了:一条线索的移送链。线索和它的地区,沿 下一跳(NEXT_HOP)排开的每一跳(分办到几个部门时分成几支),
// 每一跳的移出与移入部门及其所在地区,跨区域、跨省的一跳一眼可见。单独使用时先 `:param clue_id => 'clue-0000001'`。
// mode: read
// params: clue_id
// returns: clue, region, chain, moves
MATCH (c:Clue {id: $clue_id})-[:IN_REGION]->(region:Region)
OPTIONAL MATCH chain = (c)<-[:OF_CLUE]-(first:Referral)-[:NEXT_HOP*0..]->(hop:Referral)
WHERE NOT EXISTS { (:Referral)-[:NEXT_HOP]->(first) }
OPTIONAL MATCH moves = (hop)-[:FROM_DEPARTMENT|TO_DEPARTMENT]->(:Department)-[:IN_REGION]->(:Region)
RETURN c AS clue, region, collect(DISTINCT chain) AS chain, collect(DISTINCT moves) AS moves
