// How many nodes of each label the graph's content holds. Audit events are a record of the writes, not content
// (every write adds one, also a load that changes nothing else), so they are counted apart: by GET /audit-log.
// mode: read
// params:
// returns: label, count
MATCH (n)
WHERE NOT n:AuditEvent
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
