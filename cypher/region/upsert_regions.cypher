// Writes regions and their place in the hierarchy; rows must list a parent before its children.
// mode: write
// params: rows, actor
// returns: written
UNWIND $rows AS row
MERGE (r:Region {id: row.id})
  ON CREATE SET r.created_at = datetime(), r.created_by = $actor
SET r.name = row.name, r.level = row.level, r.updated_at = datetime(), r.updated_by = $actor
WITH r, row
CALL (r, row) {
  MATCH (p:Region {id: row.parent_id})
  MERGE (r)-[:PART_OF]->(p)
}
RETURN count(r) AS written
