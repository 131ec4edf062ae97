// Writes supervision domains.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MERGE (d:Domain {id: row.id})
  ON CREATE SET d.created_at = datetime(), d.created_by = $actor
SET d.name = row.name, d.industry_code = row.industry_code, d.updated_at = datetime(), d.updated_by = $actor
RETURN d.id AS id
