// The renumbering links from one version's articles to another's.
// mode: read
// params: from_version, to_version
// returns: from_number, to_number, from_clause, to_clause, method, similarity, reviewed
MATCH (:BasisVersion {id: $from_version})-[:HAS_ARTICLE]->(old:Article)-[r:RENUMBERED_AS]->(new:Article)
MATCH (new)<-[:HAS_ARTICLE]-(:BasisVersion {id: $to_version})
RETURN old.number AS from_number, new.number AS to_number, coalesce(old.clause, 0) AS from_clause,
       coalesce(new.clause, 0) AS to_clause, r.method AS method, r.similarity AS similarity,
       r.reviewed AS reviewed
ORDER BY from_number, to_number
