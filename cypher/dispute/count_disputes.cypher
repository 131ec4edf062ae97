// How many disputes match the filters (status; region, including the regions under it; a claimant department).
// mode: read
// params: status, region_id, department_id
// returns: total
MATCH (d:Dispute)-[:IN_REGION]->(r:Region)
WHERE ($status IS NULL OR d.status = $status)
  AND ($region_id IS NULL OR EXISTS { (r)-[:PART_OF*0..]->(:Region {id: $region_id}) })
  AND ($department_id IS NULL OR EXISTS { (d)-[:CLAIMANT]->(:Department {id: $department_id}) })
RETURN count(d) AS total
