// Links each 款 of a loaded law text to its 条 and each 项 to its 款.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (a:Article {id: row.id}), (parent:Article {id: row.parent_id})
MERGE (a)-[link:IN_ARTICLE]->(parent)
SET link.updated_at = datetime(), link.updated_by = $actor
RETURN a.id AS id
