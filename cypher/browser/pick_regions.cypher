// Examples for list_overlaps_and_gaps: the counties with departments of their own, most subjects first.
// mode: read
// params:
// returns: params, label
MATCH (here:Region {level: '县'})<-[:IN_REGION]-(:Department)
WITH DISTINCT here
WITH here, COUNT { (here)<-[:LOCATED_IN]-(:Subject) } AS subjects
ORDER BY subjects DESC, here.id
LIMIT 3
RETURN {region_id: here.id} AS params, here.name + ' (' + here.id + ')' AS label
