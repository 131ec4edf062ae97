// Links an article to the same provision in the next version of its law (by a mapping, or by text similarity).
// mode: write
// params: rows, actor
// returns: from_article_id, to_article_id
UNWIND $rows AS row
MATCH (old:Article {id: row.from_article_id}), (new:Article {id: row.to_article_id})
MERGE (old)-[r:RENUMBERED_AS]->(new)
SET r.method = row.method, r.similarity = row.similarity, r.reviewed = row.reviewed,
    r.updated_at = datetime(), r.updated_by = $actor
RETURN old.id AS from_article_id, new.id AS to_article_id
