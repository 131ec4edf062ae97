// Matters of the catalogue that lack a domain, a legal basis article or a lead assignment.
// mode: read
// params:
// returns: id, has_domain, has_article, has_lead
MATCH (m:Matter)
WITH m,
     EXISTS { (m)-[:IN_DOMAIN]->(:Domain) } AS has_domain,
     EXISTS { (m)-[:BASED_ON]->(:Article) } AS has_article,
     EXISTS { (m)<-[:FOR_MATTER]-(:Assignment {role: '牵头'}) } AS has_lead
WHERE NOT (has_domain AND has_article AND has_lead)
RETURN m.id AS id, has_domain, has_article, has_lead
ORDER BY id
