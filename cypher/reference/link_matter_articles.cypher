// Records the articles a matter rests on (设定依据).
// mode: write
// params: rows, actor
// returns: matter_id, article_id
UNWIND $rows AS row
MATCH (m:Matter {id: row.matter_id}), (a:Article {id: row.article_id})
MERGE (m)-[link:BASED_ON]->(a)
SET link.updated_at = datetime(), link.updated_by = $actor
RETURN m.id AS matter_id, a.id AS article_id
