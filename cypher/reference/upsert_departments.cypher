// Writes departments and the region each sits in.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (region:Region {id: row.region_id})
MERGE (d:Department {id: row.id})
  ON CREATE SET d.created_at = datetime(), d.created_by = $actor
SET d.name = row.name, d.short_name = row.short_name, d.level = row.level,
    d.valid_from = row.valid_from, d.valid_to = row.valid_to,
    d.updated_at = datetime(), d.updated_by = $actor
MERGE (d)-[:IN_REGION]->(region)
RETURN d.id AS id
