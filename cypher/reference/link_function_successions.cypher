// Records that a reform handed one function's role to another from a date.
// mode: write
// params: rows, actor
// returns: from_id, to_id
UNWIND $rows AS row
MATCH (old:Function {id: row.from_id}), (new:Function {id: row.to_id})
MERGE (old)-[s:SUCCEEDED_BY]->(new)
SET s.valid_from = row.valid_from, s.note = row.note, s.updated_at = datetime(), s.updated_by = $actor
RETURN old.id AS from_id, new.id AS to_id
