// The versions of these legal bases, oldest first.
// mode: read
// params: basis_ids
// returns: basis_id, id, version, effective_from, effective_to, status
MATCH (b:LegalBasis)-[:HAS_VERSION]->(v:BasisVersion)
WHERE b.id IN $basis_ids
RETURN b.id AS basis_id, v.id AS id, v.version AS version, v.effective_from AS effective_from,
       v.effective_to AS effective_to, v.status AS status
ORDER BY basis_id, version
