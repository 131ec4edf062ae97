// Writes regions (administrative divisions) by their GB/T 2260 code.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MERGE (r:Region {id: row.id})
  ON CREATE SET r.created_at = datetime(), r.created_by = $actor
SET r.name = row.name, r.level = row.level, r.updated_at = datetime(), r.updated_by = $actor
RETURN r.id AS id
