// Who takes a report that no matter of the catalogue fits, in a region: its people's government (the common
// superior that decides, 行政处罚法第二十五条) and its establishment office (编办, which coordinates and proposes,
// 编制条例第十条), each the nearest one walking up from the region (a 街道 has neither of its own).
// mode: read
// params: region_id
// returns: government, office
MATCH path = (:Region {id: $region_id})-[:PART_OF*0..]->(r:Region)
OPTIONAL MATCH (r)<-[:IN_REGION]-(g:Department {kind: '人民政府'})
OPTIONAL MATCH (r)<-[:IN_REGION]-(o:Department)
WHERE o.id = r.id + '-bb'
WITH r, g, o ORDER BY length(path)
RETURN collect(CASE WHEN g IS NULL THEN NULL ELSE g {.id, .name, region: r {.id, .name}} END)[0] AS government,
       collect(CASE WHEN o IS NULL THEN NULL ELSE o {.id, .name, region: r {.id, .name}} END)[0] AS office
