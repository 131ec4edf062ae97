// Records the role an article names as the authority, with the wording and the kind of duty.
// mode: write
// params: rows, actor
// returns: article_id, function_id
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id}), (f:Function {id: row.function_id})
MERGE (a)-[n:NAMES_FUNCTION]->(f)
SET n.duty_kind = row.duty_kind, n.wording = row.wording, n.updated_at = datetime(), n.updated_by = $actor
RETURN a.id AS article_id, f.id AS function_id
