// Writes Domain nodes from rows, merged on id; merge policies used: overwrite.
// Generated from graphsvc/model.yaml (writes.Domain) by `graphsvc schema export`: edit the model.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MERGE (n:Domain {id: row.id})
  ON CREATE SET n.created_at = datetime(), n.created_by = $actor
SET n.name = CASE WHEN 'name' IN keys(row) THEN row.name ELSE n.name END,
    n.industry_code = CASE WHEN 'industry_code' IN keys(row) THEN row.industry_code ELSE n.industry_code END,
    n.updated_at = datetime(),
    n.updated_by = $actor
RETURN n.id AS id
