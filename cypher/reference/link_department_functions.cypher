// Records which department performs which function, over which interval, on what source.
// mode: write
// params: rows, actor
// returns: department_id, function_id
UNWIND $rows AS row
MATCH (d:Department {id: row.department_id}), (f:Function {id: row.function_id})
MERGE (d)-[p:PERFORMS]->(f)
SET p.valid_from = row.valid_from, p.valid_to = row.valid_to, p.source = row.source, p.updated_at = datetime(), p.updated_by = $actor
RETURN d.id AS department_id, f.id AS function_id
