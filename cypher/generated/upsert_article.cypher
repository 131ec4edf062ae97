// Writes Article nodes from rows, merged on id; merge policies used: keep_if_null, overwrite.
// Generated from graphsvc/model.yaml (writes.Article) by `graphsvc schema export`: edit the model.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (parent:BasisVersion {id: row.version_id})
MERGE (n:Article {id: row.id})
  ON CREATE SET n.created_at = datetime(), n.created_by = $actor
SET n.number = CASE WHEN 'number' IN keys(row) THEN row.number ELSE n.number END,
    n.label = CASE WHEN 'label' IN keys(row) THEN row.label ELSE n.label END,
    n.clause = CASE WHEN 'clause' IN keys(row) THEN row.clause ELSE n.clause END,
    n.item = CASE WHEN 'item' IN keys(row) THEN row.item ELSE n.item END,
    n.chapter = coalesce(row.chapter, n.chapter),
    n.gist = coalesce(row.gist, n.gist),
    n.text = coalesce(row.text, n.text),
    n.updated_at = datetime(),
    n.updated_by = $actor
MERGE (parent)-[link:HAS_ARTICLE]->(n)
SET link.updated_at = datetime(), link.updated_by = $actor
RETURN n.id AS id
