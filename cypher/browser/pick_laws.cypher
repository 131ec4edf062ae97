// Examples for draw_law_amendment: laws with provisions an amendment renumbered that the catalogue cites,
// most such provisions first.
// mode: read
// params:
// returns: params, label
MATCH (law:LegalBasis)-[:HAS_VERSION]->(:BasisVersion)-[:HAS_ARTICLE]->(old:Article)-[:RENUMBERED_AS]->(new:Article)
WHERE old.number <> new.number
  AND (EXISTS { (old)<-[:BASED_ON]-(:Matter|Assignment|Ruling) } OR EXISTS { (new)<-[:BASED_ON]-(:Matter|Assignment|Ruling) })
WITH law, count(DISTINCT old) AS moved
ORDER BY moved DESC, law.id
LIMIT 3
RETURN {basis_id: law.id} AS params, coalesce(law.short_title, law.title) + ' · 被引用的条款改号 ' + toString(moved) + ' 处'
       AS label
