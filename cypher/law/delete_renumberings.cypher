// Removes the renumbering links from one version's articles to another's, but those reviewed when asked to keep them.
// mode: write
// params: from_version, to_version, keep_reviewed
// returns: deleted
MATCH (:BasisVersion {id: $from_version})-[:HAS_ARTICLE]->(:Article)-[r:RENUMBERED_AS]->(new:Article)
MATCH (new)<-[:HAS_ARTICLE]-(:BasisVersion {id: $to_version})
WHERE NOT ($keep_reviewed AND coalesce(r.reviewed, false))
DELETE r
RETURN count(*) AS deleted
