// Writes the 实施主体 of a list's matters as assignments in the list's region, with the 承办机构.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (m:Matter {id: row.matter_id}), (d:Department {id: row.department_id}), (region:Region {id: row.region_id})
MERGE (a:Assignment {id: row.id})
  ON CREATE SET a.created_at = datetime(), a.created_by = $actor
SET a.role = row.role, a.valid_from = row.valid_from, a.source = row.source, a.unit = row.unit,
    a.updated_at = datetime(), a.updated_by = $actor
MERGE (a)-[for_matter:FOR_MATTER]->(m)
SET for_matter.updated_at = datetime(), for_matter.updated_by = $actor
MERGE (a)-[assigned:ASSIGNED_TO]->(d)
SET assigned.updated_at = datetime(), assigned.updated_by = $actor
MERGE (a)-[in_region:IN_REGION]->(region)
SET in_region.updated_at = datetime(), in_region.updated_by = $actor
RETURN a.id AS id
