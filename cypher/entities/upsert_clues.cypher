// Writes clues with their region and, where known, subject, matter and receiving department;
// a row states the whole truth: entities/unlink_clues removes the links it no longer names, just before, in the
// same transaction (one statement doing both would need an Eager plan).
// Times come as ISO text with their offset (loaders/table.py: the driver packs a datetime slowly).
// mode: write
// params: rows, actor
// returns: written
UNWIND $rows AS row
MATCH (region:Region {id: row.region_id})
MERGE (c:Clue {id: row.id})
  ON CREATE SET c.created_at = datetime(), c.created_by = $actor
SET c.title = row.title, c.description = row.description, c.channel = row.channel,
    c.received_at = datetime(row.received_at), c.status = row.status, c.updated_at = datetime(), c.updated_by = $actor,
    c.chain_version = coalesce(c.chain_version, 0) + 1
MERGE (c)-[within:IN_REGION]->(region)
SET within.updated_at = datetime(), within.updated_by = $actor
WITH c, row
CALL (c, row) {
  MATCH (s:Subject {id: row.subject_id})
  MERGE (c)-[target:ON_SUBJECT]->(s)
  SET target.updated_at = datetime(), target.updated_by = $actor
}
CALL (c, row) {
  MATCH (m:Matter {id: row.matter_id})
  MERGE (c)-[about:ABOUT_MATTER]->(m)
  SET about.updated_at = datetime(), about.updated_by = $actor
}
CALL (c, row) {
  MATCH (d:Department {id: row.receiver_id})
  MERGE (c)-[received:RECEIVED_BY]->(d)
  SET received.updated_at = datetime(), received.updated_by = $actor
}
RETURN count(*) AS written
