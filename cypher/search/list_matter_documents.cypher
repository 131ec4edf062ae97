// What the behaviour search indexes for each matter (all of them when ids is null): its name, description,
// subjects, domain, subject types, and the text of every article it cites (the gist where no text is loaded),
// with the lead-in of the 款 above a cited 项 (违反本法规定，有下列情形之一的，由…处罚). Every list in a set order: the
// indexed words are a function of the graph, not of the order its relationships happen to be stored in.
// mode: read
// params: ids
// returns: id, name, description, subjects_text, domain, subject_types, articles
MATCH (m:Matter)
WHERE $ids IS NULL OR m.id IN $ids
OPTIONAL MATCH (m)-[:IN_DOMAIN]->(d:Domain)
CALL (m) {
  OPTIONAL MATCH (m)-[:APPLIES_TO]->(t:SubjectType)
  WITH t ORDER BY t.name
  RETURN collect(t.name) AS subject_types
}
CALL (m) {
  OPTIONAL MATCH (m)-[:BASED_ON]->(a:Article)
  OPTIONAL MATCH (a)-[:IN_ARTICLE]->(p:Article)
  WITH a, p ORDER BY a.id, p.id
  RETURN collect(coalesce(a.text, a.gist, '') + CASE WHEN a.item > 0 AND p.text IS NOT NULL
                 THEN ' ' + split(p.text, '：')[0] ELSE '' END) AS articles
}
RETURN m.id AS id, m.name AS name, m.description AS description, m.subjects_text AS subjects_text,
       d.name AS domain, subject_types, articles
ORDER BY id
