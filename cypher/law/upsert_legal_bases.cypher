// Writes the legal bases of loaded law texts; titles, kind and issuer already set (by the reference catalogue) stay.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MERGE (b:LegalBasis {id: row.id})
  ON CREATE SET b.created_at = datetime(), b.created_by = $actor
SET b.title = coalesce(b.title, row.title), b.short_title = coalesce(b.short_title, row.short_title),
    b.kind = coalesce(b.kind, row.kind), b.issuer = coalesce(b.issuer, row.issuer),
    b.updated_at = datetime(), b.updated_by = $actor
RETURN b.id AS id
