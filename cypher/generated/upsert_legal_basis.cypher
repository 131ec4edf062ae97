// Writes LegalBasis nodes from rows, merged on id; merge policies used: overwrite.
// Generated from graphsvc/model.yaml (writes.LegalBasis) by `graphsvc schema export`: edit the model.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MERGE (n:LegalBasis {id: row.id})
  ON CREATE SET n.created_at = datetime(), n.created_by = $actor
SET n.title = CASE WHEN 'title' IN keys(row) THEN row.title ELSE n.title END,
    n.short_title = CASE WHEN 'short_title' IN keys(row) THEN row.short_title ELSE n.short_title END,
    n.kind = CASE WHEN 'kind' IN keys(row) THEN row.kind ELSE n.kind END,
    n.issuer = CASE WHEN 'issuer' IN keys(row) THEN row.issuer ELSE n.issuer END,
    n.updated_at = datetime(),
    n.updated_by = $actor
RETURN n.id AS id
