// Records the kinds of subject a matter applies to.
// mode: write
// params: rows, actor
// returns: matter_id, subject_type_id
UNWIND $rows AS row
MATCH (m:Matter {id: row.matter_id}), (t:SubjectType {id: row.subject_type_id})
MERGE (m)-[link:APPLIES_TO]->(t)
SET link.updated_at = datetime(), link.updated_by = $actor
RETURN m.id AS matter_id, t.id AS subject_type_id
