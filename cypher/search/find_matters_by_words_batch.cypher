// The matters whose indexed words best match each of several word queries (a description and its clauses) in one
// round trip: per query, its key and its best `limit` matter ids with their score (whitespace full-text index over
// pre-segmented words; the words themselves are cached by the search, so they do not travel with every hit), and
// the search stamp, so that a search made with a stale thesaurus is noticed without another statement.
// Only matters that can answer for $region_id (null: every region): a 子项 of a 权责清单 is left to its 主项, a
// matter only another region's own lists or forms assign is left out (a county's list must not answer for the
// county next door), and so is a matter of a local regulation that does not apply in the region (APPLIES_IN).
// mode: read
// params: queries, region_id
// returns: stamp, key, id, score
OPTIONAL MATCH (s:SearchIndex {id: 'matter'})
WITH s.stamp AS stamp
UNWIND $queries AS q
CALL (q) {
  CALL db.index.fulltext.queryNodes('matter_words', q.query, {limit: q.limit * 4}) YIELD node, score
  WHERE node.parent_id IS NULL
    AND ($region_id IS NULL OR (
      (NOT EXISTS { MATCH (node)<-[:FOR_MATTER]-(:Assignment)-[:IN_REGION]->(:Region) }
       OR EXISTS { MATCH (node)<-[:FOR_MATTER]-(a:Assignment) WHERE NOT (a)-[:IN_REGION]->(:Region) }
       OR EXISTS {
         MATCH (node)<-[:FOR_MATTER]-(:Assignment)-[:IN_REGION]->(scope:Region)
         MATCH (:Region {id: $region_id})-[:PART_OF*0..]->(scope)
       })
      AND (NOT EXISTS { MATCH (node)-[:APPLIES_IN]->(:Region) }
           OR EXISTS {
             MATCH (node)-[:APPLIES_IN]->(applied:Region)
             MATCH (:Region {id: $region_id})-[:PART_OF*0..]->(applied)
           })))
  WITH node, score ORDER BY score DESC, node.id
  WITH collect({id: node.id, score: score}) AS ranked  // LIMIT cannot vary with the query: a slice can
  UNWIND ranked[..q.limit] AS hit
  RETURN hit.id AS id, hit.score AS score
}
RETURN stamp, q.key AS key, id, score
ORDER BY key, score DESC, id
