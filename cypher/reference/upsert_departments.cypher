// Writes departments (or other bodies: governments, vertical bodies, 街道/乡镇) and the region each sits in;
// a row without a kind is a department of the local government. The caption the Browser draws puts the region before the
// short name (区市场监管局 in 雁塔区 → 雁塔区 市场监管局; 科尔沁区生态环境分局 → 科尔沁区 生态环境分局), so departments
// of different districts tell apart, and the part after the space names a department within its region.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (region:Region {id: row.region_id})
MERGE (d:Department {id: row.id})
  ON CREATE SET d.created_at = datetime(), d.created_by = $actor
SET d.name = row.name, d.short_name = row.short_name, d.level = row.level,
    d.caption = CASE
      WHEN row.short_name IS NULL THEN row.name
      WHEN row.short_name STARTS WITH region.name AND size(row.short_name) > size(region.name)
        THEN region.name + CASE WHEN substring(row.short_name, size(region.name), 1) = '委' THEN '' ELSE ' ' END
             + substring(row.short_name, size(region.name))
      WHEN size(row.short_name) > 1 AND left(row.short_name, 1) = right(region.name, 1)
        THEN region.name + CASE WHEN substring(row.short_name, 1, 1) = '委' THEN '' ELSE ' ' END
             + substring(row.short_name, 1)
      ELSE row.short_name
    END,
    d.valid_from = row.valid_from, d.valid_to = row.valid_to, d.kind = coalesce(row.kind, '政府部门'),
    d.updated_at = datetime(), d.updated_by = $actor
MERGE (d)-[:IN_REGION]->(region)
RETURN d.id AS id
