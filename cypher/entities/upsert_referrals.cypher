// Writes referral hops of clues: who sent the clue to whom, when, why, the acknowledgement and the outcome.
// The links a row no longer names are removed just before by entities/unlink_referrals, in the same transaction.
// Times come as ISO text with their offset (loaders/table.py: the driver packs a datetime slowly).
// mode: write
// params: rows, actor
// returns: written
UNWIND $rows AS row
MATCH (c:Clue {id: row.clue_id}), (sender:Department {id: row.from_department_id}),
      (receiver:Department {id: row.to_department_id})
WITH row, c, sender, receiver, datetime(row.sent_at) AS sent_at
MERGE (r:Referral {id: row.id})
  ON CREATE SET r.created_at = datetime(), r.created_by = $actor
SET r.kind = row.kind, r.sent_at = sent_at,
    r.caption = row.kind + ' ' + toString(sent_at.month) + '-' + right('0' + toString(sent_at.day), 2) + ' → ' + coalesce(last(split(receiver.caption, ' ')), receiver.short_name, receiver.name), r.reason = row.reason, r.acknowledged_at = datetime(row.acknowledged_at),
    r.outcome = row.outcome, r.updated_at = datetime(), r.updated_by = $actor,
    c.chain_version = coalesce(c.chain_version, 0) + 1
MERGE (r)-[of:OF_CLUE]->(c)
SET of.updated_at = datetime(), of.updated_by = $actor
MERGE (r)-[sent:FROM_DEPARTMENT]->(sender)
SET sent.updated_at = datetime(), sent.updated_by = $actor
MERGE (r)-[received:TO_DEPARTMENT]->(receiver)
SET received.updated_at = datetime(), received.updated_by = $actor
RETURN count(*) AS written
