// The departments and matters a draw (or a merge plan) names, in request order (id null for an id that names
// nothing).
// mode: read
// params: department_ids, matter_ids
// returns: departments, matters
CALL () {
  UNWIND range(0, size($department_ids) - 1) AS i
  OPTIONAL MATCH (d:Department {id: $department_ids[i]})
  RETURN collect({requested: $department_ids[i], position: i, id: d.id, name: d.name}) AS departments
}
CALL () {
  UNWIND range(0, size($matter_ids) - 1) AS i
  OPTIONAL MATCH (m:Matter {id: $matter_ids[i]})
  RETURN collect({requested: $matter_ids[i], position: i, id: m.id, name: m.name, level: m.level}) AS matters
}
RETURN departments, matters
