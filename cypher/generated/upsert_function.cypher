// Writes Function nodes from rows, merged on id; merge policies used: overwrite.
// Generated from graphsvc/model.yaml (writes.Function) by `graphsvc schema export`: edit the model.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MERGE (n:Function {id: row.id})
  ON CREATE SET n.created_at = datetime(), n.created_by = $actor
SET n.name = CASE WHEN 'name' IN keys(row) THEN row.name ELSE n.name END,
    n.aliases = CASE WHEN 'aliases' IN keys(row) THEN row.aliases ELSE n.aliases END,
    n.description = CASE WHEN 'description' IN keys(row) THEN row.description ELSE n.description END,
    n.caption = CASE WHEN 'caption' IN keys(row) THEN row.caption ELSE n.caption END,
    n.updated_at = datetime(),
    n.updated_by = $actor
RETURN n.id AS id
