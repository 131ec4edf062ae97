// Writes legal bases (laws, regulations, rules …) as works, across their versions.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MERGE (b:LegalBasis {id: row.id})
  ON CREATE SET b.created_at = datetime(), b.created_by = $actor
SET b.title = row.title, b.short_title = row.short_title, b.kind = row.kind, b.issuer = row.issuer,
    b.updated_at = datetime(), b.updated_by = $actor
RETURN b.id AS id
