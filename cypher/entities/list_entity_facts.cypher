// Every subject, licence, inspector, task, clue and referral with its properties and outgoing links:
// what a load wrote, to compare two loads (the write stamps aside).
// mode: read
// params:
// returns: label, id, properties, links
MATCH (n)
WHERE n:Subject OR n:Licence OR n:Inspector OR n:InspectionTask OR n:Clue OR n:Referral
OPTIONAL MATCH (n)-[link]->(target)
WITH n, link, target
ORDER BY type(link), target.id
RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS properties,
       [l IN collect([type(link), target.id, link.reason]) WHERE l[0] IS NOT NULL] AS links
ORDER BY label, id
