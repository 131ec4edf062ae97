// Every matter of the catalogue with its level and domain, for the audit to resolve one by one: the catalogue's and
// those the region's own forms and lists (or its parents') assign; a matter only another region's list assigns is not
// this region's worklist, and a 子项 of a 权责清单 is audited through its 主项.
// mode: read
// params: region_id
// returns: id, name, level, category, domain_id, domain
MATCH (m:Matter)
WHERE m.parent_id IS NULL
  AND (NOT EXISTS { MATCH (m)<-[:FOR_MATTER]-(:Assignment)-[:IN_REGION]->(:Region) }
       OR EXISTS { MATCH (m)<-[:FOR_MATTER]-(a:Assignment) WHERE NOT (a)-[:IN_REGION]->(:Region) }
       OR EXISTS {
         MATCH (m)<-[:FOR_MATTER]-(:Assignment)-[:IN_REGION]->(scope:Region)
         MATCH (:Region {id: $region_id})-[:PART_OF*0..]->(scope)
       })
OPTIONAL MATCH (m)-[:IN_DOMAIN]->(d:Domain)
RETURN m.id AS id, m.name AS name, m.level AS level, m.category AS category, d.id AS domain_id, d.name AS domain
ORDER BY d.id, m.id
