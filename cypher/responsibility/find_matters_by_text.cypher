// The matters that best match a behaviour described in Chinese, with their full-text score and domain. A 子项 of a
// 权责清单 is left to its 主项, and a matter only another region's own lists or forms assign is left out: a
// county's list must not answer for the county next door.
// mode: read
// params: query, limit, region_id
// returns: id, name, description, domain_id, score
CALL db.index.fulltext.queryNodes('matter_text', $query, {limit: $limit * 20}) YIELD node, score
WHERE node.parent_id IS NULL
  AND (NOT EXISTS { MATCH (node)<-[:FOR_MATTER]-(:Assignment)-[:IN_REGION]->(:Region) }
       OR EXISTS { MATCH (node)<-[:FOR_MATTER]-(a:Assignment) WHERE NOT (a)-[:IN_REGION]->(:Region) }
       OR EXISTS {
         MATCH (node)<-[:FOR_MATTER]-(:Assignment)-[:IN_REGION]->(scope:Region)
         MATCH (:Region {id: $region_id})-[:PART_OF*0..]->(scope)
       })
WITH node, score
ORDER BY score DESC, node.id
LIMIT $limit
OPTIONAL MATCH (node)-[:IN_DOMAIN]->(d:Domain)
RETURN node.id AS id, node.name AS name, node.description AS description, d.id AS domain_id, score
ORDER BY score DESC, id
