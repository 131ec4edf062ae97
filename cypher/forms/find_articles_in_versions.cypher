// For each cited legal basis, the articles with the cited numbers in every version, each with the provision it
// became in the version in force on the date (following RENUMBERED_AS), if that is known: a citation by an old
// number is read in the version where the number exists.
// mode: read
// params: wanted, as_of
// returns: basis_id, version, effective_from, id, number, clause, item, label, current
UNWIND $wanted AS w
MATCH (b:LegalBasis {id: w.basis_id})-[:HAS_VERSION]->(v:BasisVersion)-[:HAS_ARTICLE]->(a:Article)
WHERE a.number IN w.numbers AND v.effective_from <= $as_of
OPTIONAL MATCH (a)-[:RENUMBERED_AS*1..]->(later:Article)<-[:HAS_ARTICLE]-(lv:BasisVersion)
WHERE lv.effective_from <= $as_of AND (lv.effective_to IS NULL OR $as_of < lv.effective_to)
WITH b, v, a, collect(later {.id, .label, version: lv.version}) AS successors
RETURN b.id AS basis_id, v.version AS version, v.effective_from AS effective_from, a.id AS id,
       a.number AS number, a.clause AS clause, a.item AS item, a.label AS label, successors[0] AS current
ORDER BY basis_id, effective_from DESC
