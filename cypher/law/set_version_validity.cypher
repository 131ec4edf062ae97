// Recomputes the validity of every version of these bases: each runs until the next one takes effect,
// and is 已修改 once it has; the newest stays 已废止 if repealed.
// mode: write
// params: basis_ids, today, actor
// returns: id, status, effective_to
UNWIND $basis_ids AS basis_id
MATCH (:LegalBasis {id: basis_id})-[:HAS_VERSION]->(v:BasisVersion)
WITH basis_id, v
ORDER BY v.version
WITH basis_id, collect(v) AS versions
UNWIND range(0, size(versions) - 1) AS i
WITH versions[i] AS v, versions[i + 1] AS newer
SET v.effective_to = CASE WHEN newer IS NOT NULL THEN newer.effective_from WHEN v.status = '已废止' THEN v.effective_to END,
    v.status = CASE
      WHEN newer IS NOT NULL AND newer.effective_from <= $today THEN '已修改'
      WHEN newer IS NULL AND v.status = '已废止' THEN v.status
      WHEN v.effective_from > $today THEN '尚未生效'
      ELSE '现行有效'
    END,
    v.updated_at = datetime(), v.updated_by = $actor
RETURN v.id AS id, v.status AS status, v.effective_to AS effective_to
