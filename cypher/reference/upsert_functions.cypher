// Writes functions: the roles legal texts name, with their other wordings.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MERGE (f:Function {id: row.id})
  ON CREATE SET f.created_at = datetime(), f.created_by = $actor
SET f.name = row.name, f.aliases = row.aliases, f.description = row.description, f.caption = row.caption,
    f.updated_at = datetime(), f.updated_by = $actor
RETURN f.id AS id
