// Writes the matters of a 权责清单 or 监管事项目录清单 with the articles they rest on; the 事项编码 is kept as the
// matter's code. The row is the whole truth about a list's matter, so BASED_ON links it no longer names are removed.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MERGE (m:Matter {id: row.id})
  ON CREATE SET m.created_at = datetime(), m.created_by = $actor
SET m.name = row.name, m.code = row.code, m.parent_id = row.parent_id,
    m.category = row.category, m.category_text = row.category_text, m.level = row.level,
    m.subjects_text = row.subjects_text, m.basis_text = row.basis_text, m.duties_text = row.duties_text,
    m.accountability_text = row.accountability_text, m.measures_text = row.measures_text, m.note = row.note,
    m.source = row.source, m.updated_at = datetime(), m.updated_by = $actor
WITH m, row
CALL (m, row) {
  MATCH (m)-[old:BASED_ON]->(article:Article)
  WHERE NOT article.id IN row.article_ids
  DELETE old
}
CALL (m, row) {
  UNWIND row.article_ids AS article_id
  MATCH (article:Article {id: article_id})
  MERGE (m)-[based_on:BASED_ON]->(article)
  SET based_on.updated_at = datetime(), based_on.updated_by = $actor
}
RETURN m.id AS id
