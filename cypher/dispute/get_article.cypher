// One article by its id, with its law and version.
// mode: read
// params: id
// returns: id, label, basis_id, version
MATCH (a:Article {id: $id})<-[:HAS_ARTICLE]-(v:BasisVersion)<-[:HAS_VERSION]-(b:LegalBasis)
RETURN a.id AS id, a.label AS label, b.id AS basis_id, v.version AS version
