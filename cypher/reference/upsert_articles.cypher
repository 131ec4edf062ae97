// Writes articles (条, 款, 项) of a version with their gist; a law text loaded later adds the text.
// Article merge policy (the same in cypher/law/upsert_articles and cypher/reference/upsert_articles): number, clause,
// item and label follow from the id and are overwritten by either source; chapter, gist and text are each kept when
// a row has none, so neither source erases what the other wrote (the catalogue owns the gist, a law text the text).
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
MERGE (v)-[link:HAS_ARTICLE]->(a)
SET link.updated_at = datetime(), link.updated_by = $actor
RETURN a.id AS id
