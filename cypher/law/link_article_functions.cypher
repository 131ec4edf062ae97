// Links articles to the functions their text names (method 'text', with the wording and level as written). A
// reviewed link (from the reference catalogue) between the same two is left as it is: it wins.
// mode: write
// params: rows, actor
// returns: article_id, function_id
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id}), (f:Function {id: row.function_id})
MERGE (a)-[n:NAMES_FUNCTION]->(f)
  ON CREATE SET n.method = 'text'
SET n.wording = CASE WHEN n.method = 'text' THEN row.wording ELSE n.wording END,
    n.level = CASE WHEN n.method = 'text' THEN row.level ELSE n.level END,
    n.updated_at = datetime(), n.updated_by = $actor
RETURN a.id AS article_id, f.id AS function_id
