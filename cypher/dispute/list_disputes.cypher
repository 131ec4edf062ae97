// One page of the disputes matching the filters (as count_disputes), newest first, with names next to the ids:
// region, matter, parties and the latest ruling.
// mode: read
// params: status, region_id, department_id, offset, limit
// returns: id, kind, status, text, filed_at, created_by, region, matter, claimants, latest_ruling
MATCH (d:Dispute)-[:IN_REGION]->(r:Region)
WHERE ($status IS NULL OR d.status = $status)
  AND ($region_id IS NULL OR EXISTS { (r)-[:PART_OF*0..]->(:Region {id: $region_id}) })
  AND ($department_id IS NULL OR EXISTS { (d)-[:CLAIMANT]->(:Department {id: $department_id}) })
WITH d, r ORDER BY d.filed_at DESC, d.id DESC
SKIP $offset LIMIT $limit
OPTIONAL MATCH (d)-[:FOR_MATTER]->(m:Matter)
CALL (d) {
  OPTIONAL MATCH (d)-[:CLAIMANT]->(dept:Department)
  WITH dept ORDER BY dept.id
  RETURN collect(dept {.id, .name}) AS claimants
}
CALL (d) {
  OPTIONAL MATCH (ruling:Ruling)-[:SETTLES]->(d)
  WITH ruling ORDER BY ruling.effective_from DESC, ruling.id DESC
  LIMIT 1
  RETURN ruling {.id, .decided_on, .effective_from} AS latest_ruling
}
RETURN d.id AS id, d.kind AS kind, d.status AS status, d.text AS text, d.filed_at AS filed_at,
       d.created_by AS created_by, r {.id, .name} AS region, m {.id, .name} AS matter, claimants, latest_ruling
ORDER BY d.filed_at DESC, d.id DESC
