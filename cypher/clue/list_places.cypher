// Every department and every region as a place: its region and the regions above it, up to the province.
// mode: read
// params:
// returns: places
CALL () {
  MATCH (d:Department)-[:IN_REGION]->(r:Region)
  RETURN d AS place, r
  UNION
  MATCH (r:Region)
  RETURN r AS place, r
}
MATCH (r)-[:PART_OF*0..]->(top:Region) WHERE NOT (top)-[:PART_OF]->(:Region)
RETURN collect({id: place.id, name: place.name, region_id: r.id, region_name: r.name,
                lineage: [(r)-[:PART_OF*0..]->(up:Region) | up.id],
                province_id: top.id, province_name: top.name}) AS places
