// Writes kinds of regulated subject and their domain.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (domain:Domain {id: row.domain_id})
MERGE (t:SubjectType {id: row.id})
  ON CREATE SET t.created_at = datetime(), t.created_by = $actor
SET t.name = row.name, t.updated_at = datetime(), t.updated_by = $actor
MERGE (t)-[:IN_DOMAIN]->(domain)
RETURN t.id AS id
