// What a new version of a legal basis changes, as of a date: every matter, assignment or ruling resting on an
// article of an earlier version, with the provision it moved into in the version in force (renumbered) or none
// (vanished: repealed, or no counterpart found).
// mode: read
// params: basis_id, as_of
// returns: version, effective_from, kind, id, name, cited_id, cited, cited_version, now_id, now, cited_text, now_text, change
MATCH (b:LegalBasis {id: $basis_id})-[:HAS_VERSION]->(current:BasisVersion)
WHERE (current.effective_from IS NULL OR current.effective_from <= $as_of)
  AND (current.effective_to IS NULL OR $as_of < current.effective_to)
MATCH (b)-[:HAS_VERSION]->(earlier:BasisVersion)
WHERE earlier.effective_from < current.effective_from
CALL (earlier) {
  MATCH (earlier)-[:HAS_ARTICLE]->(cited:Article)<-[:BASED_ON]-(m:Matter)
  RETURN cited, 'matter' AS kind, m.id AS id, m.name AS name
  UNION
  MATCH (earlier)-[:HAS_ARTICLE]->(cited:Article)<-[:BASED_ON]-(a:Assignment)
  RETURN cited, 'assignment' AS kind, a.id AS id, a.source AS name
  UNION
  MATCH (earlier)-[:HAS_ARTICLE]->(cited:Article)<-[:BASED_ON]-(r:Ruling)
  RETURN cited, 'ruling' AS kind, r.id AS id, r.statement AS name
}
CALL (cited, current) {
  OPTIONAL MATCH moved = (cited)-[:IN_ARTICLE*0..2]->(:Article)-[:RENUMBERED_AS*1..6]->(now:Article)
  WHERE (current)-[:HAS_ARTICLE]->(now)
  WITH now, moved ORDER BY length(moved) ASC
  LIMIT 1
  RETURN now
}
RETURN current.version AS version, current.effective_from AS effective_from,
       kind, id, name,
       cited.id AS cited_id, cited.label AS cited, earlier.version AS cited_version,
       now.id AS now_id, now.label AS now, cited.text AS cited_text, now.text AS now_text, CASE WHEN now IS NULL THEN 'vanished' ELSE 'renumbered' END AS change
ORDER BY change DESC, kind, id
