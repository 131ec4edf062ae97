// A clue's referral chain drawn as paths in the Neo4j Browser: first `:param clue_id => 'clue-0000001'`, then
// run this. Shows the clue and its region, its hops in order (NEXT_HOP), and who sent and received each hop,
// with the departments' regions, so hops across regions stand out.
// mode: read
// params: clue_id
// returns: clue, region, chain, moves
MATCH (c:Clue {id: $clue_id})-[:IN_REGION]->(region:Region)
OPTIONAL MATCH chain = (c)<-[:OF_CLUE]-(first:Referral)-[:NEXT_HOP*0..]->(hop:Referral)
WHERE NOT EXISTS { (:Referral)-[:NEXT_HOP]->(first) }
OPTIONAL MATCH moves = (hop)-[:FROM_DEPARTMENT|TO_DEPARTMENT]->(:Department)-[:IN_REGION]->(:Region)
RETURN c AS clue, region, collect(DISTINCT chain) AS chain, collect(DISTINCT moves) AS moves
