// Writes Region nodes from rows, merged on id; merge policies used: overwrite.
// Generated from graphsvc/model.yaml (writes.Region) by `graphsvc schema export`: edit the model.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MERGE (n:Region {id: row.id})
  ON CREATE SET n.created_at = datetime(), n.created_by = $actor
SET n.name = CASE WHEN 'name' IN keys(row) THEN row.name ELSE n.name END,
    n.level = CASE WHEN 'level' IN keys(row) THEN row.level ELSE n.level END,
    n.updated_at = datetime(),
    n.updated_by = $actor
RETURN n.id AS id
