// For each cited legal basis, its version in force on the date and its articles with the cited numbers.
// mode: read
// params: wanted, as_of
// returns: basis_id, version_id, version, articles
UNWIND $wanted AS w
MATCH (b:LegalBasis {id: w.basis_id})-[:HAS_VERSION]->(v:BasisVersion)
WHERE v.effective_from <= $as_of AND (v.effective_to IS NULL OR $as_of < v.effective_to)
OPTIONAL MATCH (v)-[:HAS_ARTICLE]->(a:Article)
WHERE a.number IN w.numbers
RETURN b.id AS basis_id, v.id AS version_id, v.version AS version,
       collect(a {.id, .number, .clause, .item}) AS articles
