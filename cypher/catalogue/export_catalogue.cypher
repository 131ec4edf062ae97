// The catalogue resolution decides by, as flat tables, for a relational copy (benchmarks/postgres_side_by_side.py
// loads them into PostgreSQL beside the reference CSVs): the legal bases, their versions and articles, the
// renumberings, the functions and what names them, the successions, PERFORMS, the matters' articles and scopes,
// the assignments and their scopes, the departments' validity, and how many rulings there are.
// mode: read
// params:
// returns: bases, versions, articles, renumberings, functions, article_functions, authorities, successions, performs, matter_articles, matter_scopes, assignments, assignment_scopes, departments, rulings
CALL () { MATCH (b:LegalBasis) RETURN collect(b {.id, .title}) AS bases }
CALL () {
  MATCH (b:LegalBasis)-[:HAS_VERSION]->(v:BasisVersion)
  RETURN collect({id: v.id, basis_id: b.id, version: v.version, effective_from: v.effective_from,
                  effective_to: v.effective_to}) AS versions
}
CALL () {
  MATCH (v:BasisVersion)-[:HAS_ARTICLE]->(a:Article)
  OPTIONAL MATCH (a)-[:IN_ARTICLE]->(parent:Article)
  RETURN collect({id: a.id, version_id: v.id, label: a.label, gist: a.gist, text: a.text, number: a.number,
                  clause: a.clause, item: a.item, parent_id: parent.id}) AS articles
}
CALL () {
  MATCH (older:Article)-[:RENUMBERED_AS]->(newer:Article)
  RETURN collect({from_id: older.id, to_id: newer.id}) AS renumberings
}
CALL () { MATCH (f:Function) RETURN collect(f {.id, .name}) AS functions }
CALL () {
  MATCH (a:Article)-[n:NAMES_FUNCTION]->(f:Function)
  RETURN collect({article_id: a.id, function_id: f.id, wording: n.wording, duty_kind: n.duty_kind, level: n.level,
                  method: n.method}) AS article_functions
}
CALL () {
  MATCH (a:Article)-[:AUTHORITY_FROM]->(src:Article)
  RETURN collect({article_id: a.id, source_id: src.id}) AS authorities
}
CALL () {
  MATCH (f:Function)-[succ:SUCCEEDED_BY]->(g:Function)
  RETURN collect({from_id: f.id, to_id: g.id, valid_from: succ.valid_from, note: succ.note}) AS successions
}
CALL () {
  MATCH (performer:Department)-[p:PERFORMS]->(f:Function)
  RETURN collect({department_id: performer.id, function_id: f.id, valid_from: p.valid_from, valid_to: p.valid_to,
                  source: p.source}) AS performs
}
CALL () {
  MATCH (m:Matter)-[:BASED_ON]->(a:Article)
  RETURN collect({matter_id: m.id, article_id: a.id}) AS matter_articles
}
CALL () {
  MATCH (m:Matter)-[applies:APPLIES_IN]->(r:Region)
  RETURN collect({matter_id: m.id, region_id: r.id, source: applies.source}) AS matter_scopes
}
CALL () {
  MATCH (m:Matter)<-[:FOR_MATTER]-(asg:Assignment)-[:ASSIGNED_TO]->(holder)
  RETURN collect({id: asg.id, matter_id: m.id, holder_id: holder.id, holder_name: holder.name,
                  holder_kind: CASE WHEN holder:Department THEN 'department' WHEN holder:Function THEN 'function' END,
                  role: asg.role, source: asg.source, valid_from: asg.valid_from, valid_to: asg.valid_to}) AS assignments
}
CALL () {
  MATCH (asg:Assignment)-[:IN_REGION]->(r:Region)
  RETURN collect({assignment_id: asg.id, region_id: r.id}) AS assignment_scopes
}
CALL () {
  MATCH (dept:Department)
  RETURN collect(dept {.id, .valid_from, .valid_to}) AS departments
}
CALL () { MATCH (r:Ruling) RETURN count(r) AS rulings }
RETURN bases, versions, articles, renumberings, functions, article_functions, authorities, successions, performs,
       matter_articles, matter_scopes, assignments, assignment_scopes, departments, rulings
