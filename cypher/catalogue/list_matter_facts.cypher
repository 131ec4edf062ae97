// What resolution decides by for every matter on one date that does not depend on the asked region, in one round
// trip, for the catalogue's read model (graphsvc/catalogue/model.py): responsibility/get_matter_facts without its
// region. Assignments come with the id of the region each is scoped to (the model measures the depth from the asked
// region), scopes without in_scope, and carriers for every function any assignment valid on the date or any
// in-force article names (the model picks those get_matter_facts would). Performers come from the model.
// mode: read
// params: as_of, open_pattern
// returns: assignments, scopes, bases, carriers
CALL () {
  MATCH (matter:Matter)
  WITH matter.id AS matter_id
  MATCH (:Matter {id: matter_id})<-[:FOR_MATTER]-(asg:Assignment)-[:ASSIGNED_TO]->(holder)
  WHERE (asg.valid_from IS NULL OR asg.valid_from <= $as_of) AND (asg.valid_to IS NULL OR $as_of < asg.valid_to)
  OPTIONAL MATCH (asg)-[:IN_REGION]->(scope:Region)
  OPTIONAL MATCH (ruling:Ruling)-[:CREATED]->(asg)
  WITH matter_id, asg, holder, scope, ruling ORDER BY matter_id, asg.id, scope.id
  RETURN collect({matter_id: matter_id, assignment: asg {.id, .role, .source, .valid_from, .valid_to}, role: asg.role,
         ruling: ruling {.id, .kind, .deciding_body, .issuer, .decided_on, .effective_from, .retroactive_reason, .statement,
           basis: [(ruling)-[:BASED_ON]->(art:Article)<-[:HAS_ARTICLE]-(rv:BasisVersion)<-[:HAS_VERSION]-(rb:LegalBasis) |
                   {article_id: art.id, article: art.label, title: rb.title, version: rv.version, gist: art.gist}]},
         scope_id: scope.id,
         department: CASE WHEN holder:Department THEN holder {.id, .name} END,
         function: CASE WHEN holder:Function THEN holder {.id, .name} END}) AS assignments
}
// scopes: the regions each scoped matter applies in (a local regulation's); the read model says whether the asked
// region lies in one.
CALL () {
  MATCH (matter:Matter)
  WITH matter.id AS matter_id
  MATCH (:Matter {id: matter_id})-[applies:APPLIES_IN]->(applied:Region)
  WITH matter_id, collect({id: applied.id, name: applied.name, source: applies.source}) AS regions
  ORDER BY matter_id
  RETURN collect({matter_id: matter_id, regions: regions}) AS scopes
}
// bases: the articles each matter rests on as they stand on the date (a cited article not in force is replaced by
// the provision it was renumbered into or from in the version in force, else reported as not in force), with the
// functions each names and, where it names none, the article allocating its power (AUTHORITY_FROM). `text` is
// the article's text (with the lead-in of the 款 above a cited 项) only where it matches $open_pattern (wording
// that leaves the authority open: rules.OPEN_TEXT), to keep the evidence small.
CALL () {
  MATCH (matter:Matter)
  WITH matter.id AS matter_id
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
  WITH matter_id, a, b, v, in_force, cited, named, authority, text
  ORDER BY matter_id, b.id, a.number, a.clause, a.item
  RETURN collect({matter_id: matter_id, article_id: a.id, article: a.label, gist: a.gist,
         text: CASE WHEN text =~ $open_pattern THEN text END,
         basis_id: b.id, title: b.title, version: v.version, effective_from: v.effective_from,
         effective_to: v.effective_to, in_force: in_force, cited_id: cited.id, named: named,
         authority: authority}) AS bases
}
// carriers: for each function named, the functions carrying its role on the date: itself, or after reforms in
// effect by then every function at the end of its SUCCEEDED_BY chains, each with the steps that led there.
CALL (assignments, bases) {
  UNWIND [x IN assignments WHERE x['function'] IS NOT NULL | x['function']['id']]
         + reduce(ids = [], x IN [x IN bases WHERE x['in_force']] | ids + [fn IN x['named'] | fn['function_id']]
                  + reduce(more = [], y IN x['authority'] | more + [fn IN y['named'] | fn['function_id']])) AS function_id
  WITH DISTINCT function_id
  MATCH chain = (:Function {id: function_id})-[:SUCCEEDED_BY*0..]->(carrier:Function)
  WHERE all(step IN relationships(chain) WHERE step.valid_from IS NULL OR step.valid_from <= $as_of)
    AND NOT EXISTS {
      MATCH (carrier)-[later:SUCCEEDED_BY]->(:Function)
      WHERE later.valid_from IS NULL OR later.valid_from <= $as_of
    }
  WITH function_id, carrier, chain ORDER BY function_id, carrier.id
  WITH function_id, collect({id: carrier.id, name: carrier.name, succession: [step IN relationships(chain) | {
    from_id: startNode(step).id, from_name: startNode(step).name, to_id: endNode(step).id, to_name: endNode(step).name,
    valid_from: step.valid_from, note: step.note
  }]}) AS carriers
  RETURN collect({function_id: function_id, carriers: carriers}) AS carriers
}
RETURN assignments, scopes, bases, carriers
