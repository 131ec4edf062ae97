// What a department does: the functions it performs (with validity) and the matters it leads or supports,
// through those functions or by direct assignment.
// mode: read
// params: id
// returns: functions, matters
MATCH (d:Department {id: $id})
CALL (d) {
  OPTIONAL MATCH (d)-[p:PERFORMS]->(f:Function)
  WITH f, p ORDER BY f.id
  RETURN collect(CASE WHEN f IS NULL THEN NULL ELSE {
    id: f.id, name: f.name, valid_from: p.valid_from, valid_to: p.valid_to, source: p.source
  } END) AS functions
}
CALL (d) {
  CALL (d) {
    MATCH (d)-[:PERFORMS]->(:Function)<-[:ASSIGNED_TO]-(a:Assignment)-[:FOR_MATTER]->(m:Matter)
    RETURN m, a.role AS role, 'function' AS via
    UNION
    MATCH (d)<-[:ASSIGNED_TO]-(a:Assignment)-[:FOR_MATTER]->(m:Matter)
    RETURN m, a.role AS role, 'department' AS via
  }
  WITH m, role, via ORDER BY role DESC, m.id
  RETURN collect({id: m.id, name: m.name, role: role, via: via}) AS matters
}
RETURN functions, matters
