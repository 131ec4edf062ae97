// Appends one record of a write, in the transaction of the write itself: who, when (the server's clock), which
// statement, on which objects, and what changed (before → after, as JSON). Audit events are only ever created:
// no statement of the service updates or deletes them (tests/unit/test_hardening.py checks every Cypher file).
// mode: write
// params: event
// returns: id
CREATE (e:AuditEvent {id: $event.id, at: datetime(), actor: $event.actor, action: $event.action,
                      object_ids: $event.object_ids, what: $event.what, before: $event.before, after: $event.after})
RETURN e.id AS id
