// Matters whose name or description matches the query (cjk full-text), best first, one page of them;
// with a region, only matters someone is responsible for there (a performer of an assigned function in
// the region or above it, or an assignment scoped to the region).
// mode: read
// params: query, region_id, offset, limit
// returns: total, results
CALL db.index.fulltext.queryNodes('matter_text', $query) YIELD node, score
WITH node AS m, score
WHERE $region_id IS NULL
   OR EXISTS {
     MATCH (m)<-[:FOR_MATTER]-(:Assignment)-[:ASSIGNED_TO]->(:Function)<-[:PERFORMS]-(:Department)-[:IN_REGION]->(r:Region)
     MATCH (:Region {id: $region_id})-[:PART_OF*0..]->(r)
   }
   OR EXISTS { MATCH (m)<-[:FOR_MATTER]-(:Assignment)-[:IN_REGION]->(:Region {id: $region_id}) }
OPTIONAL MATCH (m)-[:IN_DOMAIN]->(d:Domain)
WITH m, score, d
ORDER BY score DESC, m.id
WITH collect(m {.id, .name, .category, .level, domain: d.name, score: score}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS results
