// Writes the 条, 款 and 项 of a loaded law text with their text; a gist from the reference catalogue stays.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (v:BasisVersion {id: row.version_id})
MERGE (a:Article {id: row.id})
  ON CREATE SET a.created_at = datetime(), a.created_by = $actor
SET a.number = row.number, a.clause = row.clause, a.item = row.item, a.label = row.label,
    a.chapter = row.chapter, a.text = row.text, a.updated_at = datetime(), a.updated_by = $actor
MERGE (v)-[link:HAS_ARTICLE]->(a)
SET link.updated_at = datetime(), link.updated_by = $actor
RETURN a.id AS id
