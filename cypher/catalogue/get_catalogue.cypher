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
  MATCH (d:Department)
  WITH d ORDER BY d.id
  RETURN collect({id: d.id, name: d.name, level: d.level, valid_from: d.valid_from, valid_to: d.valid_to,
                  region_ids: COLLECT { MATCH (d)-[:IN_REGION]->(r:Region) RETURN r.id ORDER BY r.id }}) AS departments
}
CALL () {
  MATCH (d:Department)-[p:PERFORMS]->(f:Function)
  WITH d, p, f ORDER BY d.id, f.id
  RETURN collect({department_id: d.id, function_id: f.id, valid_from: p.valid_from, valid_to: p.valid_to,
                  source: p.source}) AS performs
}
CALL () {
  MATCH (m:Matter)
  OPTIONAL MATCH (m)-[:IN_DOMAIN]->(d:Domain)
  WITH m, d ORDER BY m.id
  RETURN collect({id: m.id, name: m.name, level: m.level, category: m.category, domain_id: d.id}) AS matters
}
RETURN regions, departments, performs, matters
