// Examples for draw_responsibility: in the county with the most subjects, the matters with the most
// cooperating assignments, as the parameters a click in the guide sets.
// mode: read
// params:
// returns: params, label
MATCH (here:Region {level: '县'})<-[:IN_REGION]-(:Department)
WITH DISTINCT here
WITH here ORDER BY COUNT { (here)<-[:LOCATED_IN]-(:Subject) } DESC, here.id
LIMIT 1
MATCH (m:Matter)<-[:FOR_MATTER]-(a:Assignment)
WITH here, m, count(a) AS assignments, sum(CASE a.role WHEN '配合' THEN 1 ELSE 0 END) AS cooperating
ORDER BY cooperating DESC, assignments DESC, m.id
LIMIT 3
RETURN {matter_id: m.id, region_id: here.id} AS params, here.name + ' · ' + m.name AS label
