// One legal basis with its versions, oldest first.
// mode: read
// params: id
// returns: id, title, kind, versions
MATCH (b:LegalBasis {id: $id})
OPTIONAL MATCH (b)-[:HAS_VERSION]->(v:BasisVersion)
WITH b, v ORDER BY v.effective_from
RETURN b.id AS id, b.title AS title, b.kind AS kind,
       collect(v {.id, .version, .effective_from, .effective_to, .status, .text_known, .source}) AS versions
