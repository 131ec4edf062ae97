// Writes departments (or other bodies: governments, vertical bodies, 街道/乡镇) and the region each sits in;
// a row without a kind is a department of the local government.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (region:Region {id: row.region_id})
MERGE (d:Department {id: row.id})
  ON CREATE SET d.created_at = datetime(), d.created_by = $actor
SET d.name = row.name, d.short_name = row.short_name, d.level = row.level,
    d.valid_from = row.valid_from, d.valid_to = row.valid_to, d.kind = coalesce(row.kind, '政府部门'),
    d.updated_at = datetime(), d.updated_by = $actor
MERGE (d)-[:IN_REGION]->(region)
RETURN d.id AS id
