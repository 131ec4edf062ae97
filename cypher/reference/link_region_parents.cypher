// Places each region in the larger one it belongs to, once every region of the load is written.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MATCH (r:Region {id: row.id}), (parent:Region {id: row.parent_id})
MERGE (r)-[link:PART_OF]->(parent)
SET link.updated_at = datetime(), link.updated_by = $actor
RETURN r.id AS id
