// Writes the matters of a 附件1 form with their domain (when the 监管领域 maps to one) and the articles they
// rest on; the row is the whole truth about a form's matter, so links it no longer names are removed.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MERGE (m:Matter {id: row.id})
  ON CREATE SET m.created_at = datetime(), m.created_by = $actor
SET m.name = row.name, m.caption = row.caption, m.category = row.category, m.category_text = row.category_text,
    m.check_method = row.check_method, m.check_method_text = row.check_method_text,
    m.domain_text = row.domain_text, m.level = row.level,
    m.subjects_text = row.subjects_text, m.basis_text = row.basis_text, m.source = row.source,
    m.updated_at = datetime(), m.updated_by = $actor
WITH m, row
CALL (m, row) {
  MATCH (m)-[old:IN_DOMAIN]->(other:Domain)
  WHERE row.domain_id IS NULL OR other.id <> row.domain_id
  DELETE old
}
CALL (m, row) {
  MATCH (domain:Domain {id: row.domain_id})
  MERGE (m)-[in_domain:IN_DOMAIN]->(domain)
  SET in_domain.updated_at = datetime(), in_domain.updated_by = $actor
}
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
