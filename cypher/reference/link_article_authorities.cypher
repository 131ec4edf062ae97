// Links an article that grants a power without naming the authority to the article that allocates it.
// mode: write
// params: rows, actor
// returns: article_id, authority_article_id
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id}), (b:Article {id: row.authority_article_id})
MERGE (a)-[link:AUTHORITY_FROM]->(b)
SET link.updated_at = datetime(), link.updated_by = $actor
RETURN a.id AS article_id, b.id AS authority_article_id
