// What a pre-scheduling check needs besides the subjects: the department and the requested matters (a
// requested id that names no matter comes back with id null).
// mode: read
// params: department_id, matter_ids
// returns: department, matters
OPTIONAL MATCH (d:Department {id: $department_id})
CALL () {
  UNWIND range(0, size($matter_ids) - 1) AS i
  OPTIONAL MATCH (m:Matter {id: $matter_ids[i]})
  OPTIONAL MATCH (m)-[:IN_DOMAIN]->(domain:Domain)
  RETURN collect({requested: $matter_ids[i], position: i, id: m.id, name: m.name, level: m.level,
                  offsite_ok: m.offsite_ok, check_method: m.check_method, domain_id: domain.id,
                  domain_name: domain.name}) AS matters
}
RETURN CASE WHEN d IS NULL THEN NULL ELSE d {.id, .name} END AS department, matters
