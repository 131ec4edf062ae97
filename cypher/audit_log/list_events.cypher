// A page of audit events, newest first, filtered by object, actor, statement and a window of server time (each
// filter null for any), with how many match.
// mode: read
// params: object_id, actor, action, at_from, at_to, skip, limit
// returns: total, events
MATCH (e:AuditEvent)
WHERE ($actor IS NULL OR e.actor = $actor)
  AND ($action IS NULL OR e.action = $action)
  AND ($object_id IS NULL OR $object_id IN e.object_ids)
  AND ($at_from IS NULL OR e.at >= $at_from)
  AND ($at_to IS NULL OR e.at < $at_to)
WITH e ORDER BY e.at DESC, e.id DESC
WITH collect(e) AS matching
RETURN size(matching) AS total,
       [e IN matching[$skip..($skip + $limit)] | e {.id, .at, .actor, .action, .object_ids, .what, .before, .after}]
         AS events
