// Writes articles (条, 款, 项) of a version with their gist; a law text loaded later adds the text.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (v:BasisVersion {id: row.version_id})
MERGE (a:Article {id: row.id})
  ON CREATE SET a.created_at = datetime(), a.created_by = $actor
SET a.number = row.number, a.clause = row.clause, a.item = row.item, a.label = row.label,
    a.chapter = coalesce(row.chapter, a.chapter), a.gist = coalesce(row.gist, a.gist),
    a.updated_at = datetime(), a.updated_by = $actor
MERGE (v)-[:HAS_ARTICLE]->(a)
RETURN a.id AS id
