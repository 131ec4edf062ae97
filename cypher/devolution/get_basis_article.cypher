// The article a devolution decision rests on: 行政处罚法 第二十四条 (the whole article) in the version in force
// on the decision's date.
// mode: read
// params: basis_id, number, on
// returns: article_id, version
MATCH (:LegalBasis {id: $basis_id})-[:HAS_VERSION]->(v:BasisVersion)-[:HAS_ARTICLE]->(a:Article {number: $number})
WHERE coalesce(a.clause, 0) = 0 AND coalesce(a.item, 0) = 0
  AND (v.effective_from IS NULL OR v.effective_from <= $on) AND (v.effective_to IS NULL OR $on < v.effective_to)
RETURN a.id AS article_id, v.version AS version
ORDER BY v.effective_from DESC
LIMIT 1
