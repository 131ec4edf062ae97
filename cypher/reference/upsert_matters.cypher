// Writes supervision matters of the catalogue and their domain.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (domain:Domain {id: row.domain_id})
MERGE (m:Matter {id: row.id})
  ON CREATE SET m.created_at = datetime(), m.created_by = $actor
SET m.name = row.name, m.caption = row.caption, m.code = row.code, m.category = row.category, m.check_method = row.check_method,
    m.level = row.level, m.offsite_ok = row.offsite_ok, m.subjects_text = row.subjects_text,
    m.description = row.description, m.source = row.source, m.updated_at = datetime(), m.updated_by = $actor
MERGE (m)-[:IN_DOMAIN]->(domain)
RETURN m.id AS id
