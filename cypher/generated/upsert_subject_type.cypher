// Writes SubjectType nodes from rows, merged on id; merge policies used: overwrite.
// Generated from graphsvc/model.yaml (writes.SubjectType) by `graphsvc schema export`: edit the model.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (parent:Domain {id: row.domain_id})
MERGE (n:SubjectType {id: row.id})
  ON CREATE SET n.created_at = datetime(), n.created_by = $actor
SET n.name = CASE WHEN 'name' IN keys(row) THEN row.name ELSE n.name END,
    n.updated_at = datetime(),
    n.updated_by = $actor
MERGE (n)-[link:IN_DOMAIN]->(parent)
SET link.updated_at = datetime(), link.updated_by = $actor
RETURN n.id AS id
