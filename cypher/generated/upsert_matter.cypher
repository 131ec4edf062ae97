// Writes Matter nodes from rows, merged on id; merge policies used: none, overwrite.
// Generated from graphsvc/model.yaml (writes.Matter) by `graphsvc schema export`: edit the model.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (parent:Domain {id: row.domain_id})
MERGE (n:Matter {id: row.id})
  ON CREATE SET n.created_at = datetime(), n.created_by = $actor
SET n.name = CASE WHEN 'name' IN keys(row) THEN row.name ELSE n.name END,
    n.description = CASE WHEN 'description' IN keys(row) THEN row.description ELSE n.description END,
    n.caption = CASE WHEN 'caption' IN keys(row) THEN row.caption ELSE n.caption END,
    n.code = CASE WHEN 'code' IN keys(row) THEN row.code ELSE n.code END,
    n.category = CASE WHEN 'category' IN keys(row) THEN row.category ELSE n.category END,
    n.category_text = CASE WHEN 'category_text' IN keys(row) THEN row.category_text ELSE n.category_text END,
    n.check_method = CASE WHEN 'check_method' IN keys(row) THEN row.check_method ELSE n.check_method END,
    n.check_method_text = CASE WHEN 'check_method_text' IN keys(row) THEN row.check_method_text ELSE n.check_method_text END,
    n.domain_text = CASE WHEN 'domain_text' IN keys(row) THEN row.domain_text ELSE n.domain_text END,
    n.parent_id = CASE WHEN 'parent_id' IN keys(row) THEN row.parent_id ELSE n.parent_id END,
    n.duties_text = CASE WHEN 'duties_text' IN keys(row) THEN row.duties_text ELSE n.duties_text END,
    n.accountability_text = CASE WHEN 'accountability_text' IN keys(row) THEN row.accountability_text ELSE n.accountability_text END,
    n.measures_text = CASE WHEN 'measures_text' IN keys(row) THEN row.measures_text ELSE n.measures_text END,
    n.note = CASE WHEN 'note' IN keys(row) THEN row.note ELSE n.note END,
    n.level = CASE WHEN 'level' IN keys(row) THEN row.level ELSE n.level END,
    n.offsite_ok = CASE WHEN 'offsite_ok' IN keys(row) THEN row.offsite_ok ELSE n.offsite_ok END,
    n.subjects_text = CASE WHEN 'subjects_text' IN keys(row) THEN row.subjects_text ELSE n.subjects_text END,
    n.basis_text = CASE WHEN 'basis_text' IN keys(row) THEN row.basis_text ELSE n.basis_text END,
    n.source = CASE WHEN 'source' IN keys(row) THEN row.source ELSE n.source END,
    n.updated_at = datetime(),
    n.updated_by = $actor
MERGE (n)-[link:IN_DOMAIN]->(parent)
SET link.updated_at = datetime(), link.updated_by = $actor
RETURN n.id AS id
