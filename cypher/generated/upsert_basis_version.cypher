// Writes BasisVersion nodes from rows, merged on id; merge policies used: overwrite.
// Generated from graphsvc/model.yaml (writes.BasisVersion) by `graphsvc schema export`: edit the model.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (parent:LegalBasis {id: row.basis_id})
MERGE (n:BasisVersion {id: row.id})
  ON CREATE SET n.created_at = datetime(), n.created_by = $actor
SET n.title = CASE WHEN 'title' IN keys(row) THEN row.title ELSE n.title END,
    n.events = CASE WHEN 'events' IN keys(row) THEN row.events ELSE n.events END,
    n.version = CASE WHEN 'version' IN keys(row) THEN row.version ELSE n.version END,
    n.promulgated_on = CASE WHEN 'promulgated_on' IN keys(row) THEN row.promulgated_on ELSE n.promulgated_on END,
    n.effective_from = CASE WHEN 'effective_from' IN keys(row) THEN row.effective_from ELSE n.effective_from END,
    n.effective_to = CASE WHEN 'effective_to' IN keys(row) THEN row.effective_to ELSE n.effective_to END,
    n.status = CASE WHEN 'status' IN keys(row) THEN row.status ELSE n.status END,
    n.source = CASE WHEN 'source' IN keys(row) THEN row.source ELSE n.source END,
    n.text_known = CASE WHEN 'text_known' IN keys(row) THEN row.text_known ELSE n.text_known END,
    n.updated_at = datetime(),
    n.updated_by = $actor
MERGE (parent)-[link:HAS_VERSION]->(n)
SET link.updated_at = datetime(), link.updated_by = $actor
RETURN n.id AS id
