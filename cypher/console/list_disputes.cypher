// One page of disputes, newest first, filtered by status, region (and the regions below it) and a claimant department.
// mode: read
// params: status, region_id, department_id, offset, limit
// returns: total, items
MATCH (d:Dispute)-[:IN_REGION]->(r:Region)
WHERE ($status IS NULL OR d.status = $status)
  AND ($region_id IS NULL OR EXISTS { (r)-[:PART_OF*0..]->(:Region {id: $region_id}) })
  AND ($department_id IS NULL OR EXISTS { (d)-[:CLAIMANT]->(:Department {id: $department_id}) })
WITH d, r ORDER BY d.filed_at DESC, d.id
WITH collect({d: d, r: r}) AS rows
WITH size(rows) AS total, rows[$offset..$offset + $limit] AS page
CALL (page) {
  UNWIND range(0, size(page) - 1) AS i
  WITH i, page[i].d AS d, page[i].r AS r
  OPTIONAL MATCH (d)-[:FOR_MATTER]->(m:Matter)
  CALL (d) {
    OPTIONAL MATCH (d)-[:CLAIMANT]->(dept:Department)
    WITH dept ORDER BY dept.id
    RETURN collect(dept {.id, .name}) AS claimants
  }
  WITH i, d, r, m, claimants ORDER BY i
  RETURN collect({id: d.id, kind: d.kind, status: d.status, text: d.text, matter: m {.id, .name},
                  region: r {.id, .name}, claimants: claimants, created_at: d.filed_at}) AS items
}
RETURN total, items
