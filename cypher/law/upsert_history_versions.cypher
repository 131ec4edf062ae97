// Writes the versions a law text's history lines name (修正/修订 of earlier dates) whose text is not loaded: they
// hold no articles and are marked text_known = false, so as-of answers never cite a version outside its dates. A
// version already in the graph (loaded from its own text or from the reference catalogue) is left as it is.
// mode: write
// params: rows, actor
// returns: id, text_known
UNWIND $rows AS row
MATCH (b:LegalBasis {id: row.basis_id})
MERGE (v:BasisVersion {id: row.id})
  ON CREATE SET v.version = row.version, v.title = row.title, v.events = row.events,
                v.promulgated_on = row.promulgated_on, v.effective_from = row.effective_from, v.source = row.source,
                v.text_known = false, v.created_at = datetime(), v.created_by = $actor,
                v.updated_at = datetime(), v.updated_by = $actor
MERGE (b)-[link:HAS_VERSION]->(v)
  ON CREATE SET link.updated_at = datetime(), link.updated_by = $actor
RETURN v.id AS id, v.text_known AS text_known
