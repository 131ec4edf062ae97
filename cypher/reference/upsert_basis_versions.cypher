// Writes versions of legal bases with their validity.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (b:LegalBasis {id: row.basis_id})
MERGE (v:BasisVersion {id: row.id})
  ON CREATE SET v.created_at = datetime(), v.created_by = $actor
SET v.version = row.version, v.title = row.title, v.promulgated_on = row.promulgated_on,
    v.effective_from = row.effective_from, v.effective_to = row.effective_to, v.status = row.status,
    v.source = row.source, v.updated_at = datetime(), v.updated_by = $actor
MERGE (b)-[:HAS_VERSION]->(v)
RETURN v.id AS id
