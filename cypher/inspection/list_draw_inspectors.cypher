// The qualified rosters of the departments: their inspectors holding the qualification (any when null), in id
// order, on record before the given time in epoch milliseconds (all when null).
// mode: read
// params: department_ids, qualification, created_before_ms
// returns: department_id, inspector_ids
UNWIND $department_ids AS department_id
MATCH (d:Department {id: department_id})
RETURN d.id AS department_id, COLLECT {
  MATCH (i:Inspector)-[:MEMBER_OF]->(d)
  WHERE ($qualification IS NULL OR $qualification IN coalesce(i.qualifications, []))
    AND ($created_before_ms IS NULL OR i.created_at.epochMillis < $created_before_ms)
  RETURN i.id ORDER BY i.id
} AS inspector_ids
