// 线索的每一跳和它的标记,按发送时间:回流(又回到经手过的部门)、来回推(退回给刚把线索交来的部门)、跨区域、跨省、
// 未签收(最后一跳尚无签收也未办结)。API 的 /clues/{id}/chain 按时限算出停滞、超时和现在由谁持有。
// mode: read
// params: clue_id
// returns: step, hop_id, kind, sent_at, sender, receiver, acknowledged_at, outcome, flags
MATCH (c:Clue {id: $clue_id})<-[:OF_CLUE]-(first:Referral)
WHERE NOT EXISTS { (:Referral)-[:NEXT_HOP]->(first) }
MATCH way = (first)-[:NEXT_HOP*0..]->(hop:Referral)
MATCH (hop)-[:TO_DEPARTMENT]->(receiver:Department)-[:IN_REGION]->(to_region:Region)
OPTIONAL MATCH (hop)-[:FROM_DEPARTMENT]->(sender:Department)-[:IN_REGION]->(from_region:Region)
WITH hop, way, sender, receiver, from_region, to_region, CASE WHEN length(way) > 0 THEN nodes(way)[-2] END AS previous
OPTIONAL MATCH (previous)-[:FROM_DEPARTMENT]->(handed:Department)
WITH hop, way, sender, receiver, from_region, to_region, handed.id AS handed_by,
     [r IN nodes(way)[..-1] | [(r)-[:TO_DEPARTMENT]->(d:Department) | d.id][0]] AS earlier_receivers,
     [(from_region)-[:PART_OF*0..]->(p:Region {level: '省'}) | p.id][0] AS from_province,
     [(to_region)-[:PART_OF*0..]->(p:Region {level: '省'}) | p.id][0] AS to_province
RETURN length(way) + 1 AS step, hop.id AS hop_id, hop.kind AS kind, hop.sent_at AS sent_at,
       coalesce(sender.caption, sender.name) AS sender, coalesce(receiver.caption, receiver.name) AS receiver,
       hop.acknowledged_at AS acknowledged_at, hop.outcome AS outcome,
       [flag IN [
          CASE WHEN receiver.id IN earlier_receivers THEN '回流' END,
          CASE WHEN handed_by = receiver.id THEN '来回推' END,
          CASE WHEN from_region IS NOT NULL AND from_region <> to_region THEN '跨区域' END,
          CASE WHEN from_province IS NOT NULL AND from_province <> to_province THEN '跨省' END,
          CASE WHEN hop.acknowledged_at IS NULL AND hop.closed_at IS NULL
                    AND NOT EXISTS { (hop)-[:NEXT_HOP]->(:Referral) } THEN '未签收' END
        ] WHERE flag IS NOT NULL] AS flags
ORDER BY sent_at, hop_id
