// The matters that concern a subject: those that apply to its type and those its licences are for.
// mode: read
// params: id
// returns: id, name
MATCH (s:Subject {id: $id})
CALL (s) {
  MATCH (s)-[:OF_TYPE]->(:SubjectType)<-[:APPLIES_TO]-(m:Matter)
  RETURN m
  UNION
  MATCH (s)<-[:HELD_BY]-(:Licence)-[:FOR_MATTER]->(m:Matter)
  RETURN m
}
RETURN m.id AS id, m.name AS name
ORDER BY id
