// The versions of these legal bases, oldest first, with whether their text is known and how many articles they hold.
// mode: read
// params: basis_ids
// returns: basis_id, id, version, effective_from, effective_to, status, text_known, articles
MATCH (b:LegalBasis)-[:HAS_VERSION]->(v:BasisVersion)
WHERE b.id IN $basis_ids
RETURN b.id AS basis_id, v.id AS id, v.version AS version, v.effective_from AS effective_from,
       v.effective_to AS effective_to, v.status AS status, v.text_known AS text_known,
       COUNT { (v)-[:HAS_ARTICLE]->(:Article) } AS articles
ORDER BY basis_id, version
