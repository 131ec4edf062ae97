// Records an inspector's declared conflict of interest with a subject (a 双随机 draw must skip the pair).
// mode: write
// params: rows, actor
// returns: written
UNWIND $rows AS row
MATCH (i:Inspector {id: row.inspector_id}), (s:Subject {id: row.subject_id})
MERGE (i)-[c:CONFLICT_WITH]->(s)
SET c.reason = row.reason, c.updated_at = datetime(), c.updated_by = $actor
RETURN count(*) AS written
