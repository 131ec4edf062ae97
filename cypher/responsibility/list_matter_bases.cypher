// The articles each matter rests on, as they stand on the date: a cited article whose version is not in force
// is replaced by the provision it was renumbered into (or from) in the version in force, if any; otherwise it
// is reported as not in force. With each, the functions it names, and where it names none, the article that
// allocates its power (AUTHORITY_FROM). `text` is the article's text (with the lead-in of the 款 above a cited
// 项, where who acts is often said) when the law is loaded and the text matches $open_pattern (wording that
// leaves the authority open: rules.OPEN_TEXT); otherwise null, to keep the evidence small.
// mode: read
// params: matter_ids, as_of, open_pattern
// returns: matter_id, article_id, article, gist, text, basis_id, title, version, effective_from, effective_to, in_force, cited_id, named, authority
UNWIND $matter_ids AS matter_id
MATCH (:Matter {id: matter_id})-[:BASED_ON]->(cited:Article)
CALL (cited) {
  OPTIONAL MATCH moved = (cited)-[:IN_ARTICLE*0..2]->(:Article)-[:RENUMBERED_AS*0..6]-(current:Article),
                 (current)<-[:HAS_ARTICLE]-(v:BasisVersion)
  WHERE (v.effective_from IS NULL OR v.effective_from <= $as_of) AND (v.effective_to IS NULL OR $as_of < v.effective_to)
  WITH current, moved ORDER BY length(moved) ASC
  LIMIT 1
  RETURN current
}
WITH matter_id, cited, coalesce(current, cited) AS a, current IS NOT NULL AS in_force
MATCH (a)<-[:HAS_ARTICLE]-(v:BasisVersion)<-[:HAS_VERSION]-(b:LegalBasis)
CALL (a) {
  // A reviewed link (no method) wins over those the law-text loader read from the text (method 'text').
  OPTIONAL MATCH (a)-[n:NAMES_FUNCTION]->(f:Function)
  WITH f, n, EXISTS { (a)-[r:NAMES_FUNCTION]->(:Function) WHERE r.method IS NULL OR r.method <> 'text' } AS reviewed
  WHERE f IS NULL OR NOT reviewed OR n.method IS NULL OR n.method <> 'text'
  WITH f, n ORDER BY f.id
  RETURN collect(CASE WHEN f IS NULL THEN NULL ELSE {function_id: f.id, function_name: f.name,
                 wording: n.wording, duty_kind: n.duty_kind, level: n.level,
                 method: coalesce(n.method, 'reviewed')} END) AS named
}
CALL (a) {
  OPTIONAL MATCH (a)-[:AUTHORITY_FROM]->(src:Article)<-[:HAS_ARTICLE]-(sv:BasisVersion)<-[:HAS_VERSION]-(sb:LegalBasis)
  OPTIONAL MATCH (src)-[n:NAMES_FUNCTION]->(f:Function)
  WITH src, sv, sb, collect(CASE WHEN f IS NULL THEN NULL ELSE {function_id: f.id, function_name: f.name,
                           wording: n.wording, duty_kind: n.duty_kind} END) AS src_named
  RETURN collect(CASE WHEN src IS NULL THEN NULL ELSE {article_id: src.id, article: src.label, gist: src.gist,
                 text: CASE WHEN src.text =~ $open_pattern THEN src.text END, title: sb.title, version: sv.version, named: src_named} END) AS authority
}
OPTIONAL MATCH (a)-[:IN_ARTICLE]->(clause:Article) WHERE a.item > 0
WITH *, CASE WHEN clause.text IS NULL THEN a.text ELSE split(clause.text, '：')[0] + '：' + coalesce(a.text, '') END AS text
RETURN matter_id, a.id AS article_id, a.label AS article, a.gist AS gist,
       CASE WHEN text =~ $open_pattern THEN text END AS text,
       b.id AS basis_id, b.title AS title,
       v.version AS version, v.effective_from AS effective_from, v.effective_to AS effective_to, in_force,
       cited.id AS cited_id, named, authority
ORDER BY matter_id, b.id, a.number, a.clause, a.item
