// Scopes matters to the regions where they apply (a matter resting on a local regulation).
// mode: write
// params: rows, actor
// returns: matter_id
UNWIND $rows AS row
MATCH (m:Matter {id: row.matter_id}), (r:Region {id: row.region_id})
MERGE (m)-[s:APPLIES_IN]->(r)
SET s.source = row.source, s.updated_at = datetime(), s.updated_by = $actor
RETURN m.id AS matter_id
