// Writes the versions of loaded law texts with their history; validity is set after, across versions.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (b:LegalBasis {id: row.basis_id})
MERGE (v:BasisVersion {id: row.id})
  ON CREATE SET v.created_at = datetime(), v.created_by = $actor
SET v.version = row.version, v.title = row.title, v.events = row.events, v.promulgated_on = row.promulgated_on,
    v.effective_from = row.effective_from, v.source = row.source, v.text_known = true,
    v.updated_at = datetime(), v.updated_by = $actor
MERGE (b)-[link:HAS_VERSION]->(v)
SET link.updated_at = datetime(), link.updated_by = $actor
RETURN v.id AS id
