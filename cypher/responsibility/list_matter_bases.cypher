// The articles a matter rests on, with their law, version and whether the version is in force on the date;
// the functions each article names, and where an article names none, the article that allocates its power.
// mode: read
// params: matter_id, as_of
// returns: article_id, article, gist, basis_id, title, version, effective_from, effective_to, in_force, named, authority
MATCH (:Matter {id: $matter_id})-[:BASED_ON]->(a:Article)<-[:HAS_ARTICLE]-(v:BasisVersion)<-[:HAS_VERSION]-(b:LegalBasis)
CALL (a) {
  OPTIONAL MATCH (a)-[n:NAMES_FUNCTION]->(f:Function)
  WITH f, n ORDER BY f.id
  RETURN collect(CASE WHEN f IS NULL THEN NULL ELSE {function_id: f.id, function_name: f.name,
                 wording: n.wording, duty_kind: n.duty_kind} END) AS named
}
CALL (a) {
  OPTIONAL MATCH (a)-[:AUTHORITY_FROM]->(src:Article)<-[:HAS_ARTICLE]-(sv:BasisVersion)<-[:HAS_VERSION]-(sb:LegalBasis)
  OPTIONAL MATCH (src)-[n:NAMES_FUNCTION]->(f:Function)
  WITH src, sv, sb, collect(CASE WHEN f IS NULL THEN NULL ELSE {function_id: f.id, function_name: f.name,
                           wording: n.wording, duty_kind: n.duty_kind} END) AS src_named
  RETURN collect(CASE WHEN src IS NULL THEN NULL ELSE {article_id: src.id, article: src.label, gist: src.gist,
                 title: sb.title, version: sv.version, named: src_named} END) AS authority
}
RETURN a.id AS article_id, a.label AS article, a.gist AS gist, b.id AS basis_id, b.title AS title,
       v.version AS version, v.effective_from AS effective_from, v.effective_to AS effective_to,
       (v.effective_from IS NULL OR v.effective_from <= $as_of) AND (v.effective_to IS NULL OR $as_of < v.effective_to)
         AS in_force,
       named, authority
ORDER BY b.id, a.number, a.clause, a.item
