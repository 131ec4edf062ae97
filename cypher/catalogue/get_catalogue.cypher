// The catalogue's structure a process holds in memory (graphsvc/catalogue/model.py): every region with its
// parents, every department with its regions and validity, every PERFORMS link, every matter's header (one row
// per domain, as responsibility/get_matter_header gives it). Thousands of rows, read once per catalogue stamp.
// mode: read
// params:
// returns: regions, departments, performs, matters
CALL () {
  MATCH (r:Region)
  WITH r ORDER BY r.id
  RETURN collect({id: r.id, name: r.name, level: r.level,
                  parent_ids: COLLECT { MATCH (r)-[:PART_OF]->(up:Region) RETURN up.id ORDER BY up.id }}) AS regions
}
CALL () {
  MATCH (dept:Department)
  WITH dept ORDER BY dept.id
  RETURN collect({id: dept.id, name: dept.name, level: dept.level, valid_from: dept.valid_from, valid_to: dept.valid_to,
                  region_ids: COLLECT { MATCH (dept)-[:IN_REGION]->(seat:Region) RETURN seat.id ORDER BY seat.id }})
         AS departments
}
CALL () {
  MATCH (performer:Department)-[p:PERFORMS]->(f:Function)
  WITH performer, p, f ORDER BY performer.id, f.id
  RETURN collect({department_id: performer.id, function_id: f.id, valid_from: p.valid_from, valid_to: p.valid_to,
                  source: p.source}) AS performs
}
CALL () {
  MATCH (m:Matter)
  OPTIONAL MATCH (m)-[:IN_DOMAIN]->(domain:Domain)
  WITH m, domain ORDER BY m.id
  RETURN collect({id: m.id, name: m.name, level: m.level, category: m.category, domain_id: domain.id}) AS matters
}
RETURN regions, departments, performs, matters
