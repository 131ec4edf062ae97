// Everything the rules decide by for some matters in one region on one date, in one round trip (each part says
// what it reads). Carriers and performers may cover a few more functions than one matter needs (every function
// an in-force article or its allocating article names), which the rules filter by function.
// mode: read
// params: matter_ids, region_id, as_of, open_pattern, levels
// returns: assignments, scopes, bases, carriers, performers
// assignments: those of each matter that hold in the region on the date, unscoped or scoped to the region or one
// above it (scope_depth: 0 = the region itself, larger = further up, null = unscoped), with the ruling that
// created each (and the articles it cites) and the department or function it names.
CALL () {
  UNWIND $matter_ids AS matter_id
  MATCH (:Matter {id: matter_id})<-[:FOR_MATTER]-(asg:Assignment)-[:ASSIGNED_TO]->(holder)
  WHERE (asg.valid_from IS NULL OR asg.valid_from <= $as_of) AND (asg.valid_to IS NULL OR $as_of < asg.valid_to)
  OPTIONAL MATCH (asg)-[:IN_REGION]->(scope:Region)
  OPTIONAL MATCH path = (:Region {id: $region_id})-[:PART_OF*0..]->(scope)
  WITH matter_id, asg, holder, scope, path
  WHERE scope IS NULL OR path IS NOT NULL
  OPTIONAL MATCH (ruling:Ruling)-[:CREATED]->(asg)
  WITH matter_id, asg, holder, path, ruling ORDER BY matter_id, asg.id
  RETURN collect({matter_id: matter_id, assignment: asg {.id, .role, .source, .valid_from, .valid_to}, role: asg.role,
         ruling: ruling {.id, .kind, .deciding_body, .issuer, .decided_on, .effective_from, .retroactive_reason, .statement,
           basis: [(ruling)-[:BASED_ON]->(art:Article)<-[:HAS_ARTICLE]-(rv:BasisVersion)<-[:HAS_VERSION]-(rb:LegalBasis) |
                   {article_id: art.id, article: art.label, title: rb.title, version: rv.version, gist: art.gist}]},
         scope_depth: CASE WHEN path IS NULL THEN NULL ELSE length(path) END,
         department: CASE WHEN holder:Department THEN holder {.id, .name} END,
         function: CASE WHEN holder:Function THEN holder {.id, .name} END}) AS assignments
}
// scopes: the regions each scoped matter applies in (a local regulation's), and whether the region lies in one.
CALL () {
  UNWIND $matter_ids AS matter_id
  MATCH (:Matter {id: matter_id})-[applies:APPLIES_IN]->(applied:Region)
  WITH matter_id, collect({id: applied.id, name: applied.name, source: applies.source}) AS regions, collect(applied.id) AS ids
  WITH matter_id, regions,
       EXISTS { MATCH (:Region {id: $region_id})-[:PART_OF*0..]->(up:Region) WHERE up.id IN ids } AS in_scope
  ORDER BY matter_id
  RETURN collect({matter_id: matter_id, regions: regions, in_scope: in_scope}) AS scopes
}
// bases: the articles each matter rests on as they stand on the date (a cited article not in force is replaced by
// the provision it was renumbered into or from in the version in force, else reported as not in force), with the
// functions each names and, where it names none, the article allocating its power (AUTHORITY_FROM). `text` is
// the article's text (with the lead-in of the 款 above a cited 项) only where it matches $open_pattern (wording
// that leaves the authority open: rules.OPEN_TEXT), to keep the evidence small.
CALL () {
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
// performers: the departments performing the carriers on the date for a matter of each level, in the region at
// that level (a 县-level matter asked for a 街道 goes to its 区) or, where nobody does there, in the regions above
// (`distance` steps up; the rules keep the nearest).
CALL (carriers) {
  WITH reduce(ids = [], c IN carriers | ids + [x IN c['carriers'] | x['id']]) AS carrier_ids
  UNWIND $levels AS level
  MATCH (asked:Region {id: $region_id})
  OPTIONAL MATCH (asked)-[:PART_OF*0..]->(at_level:Region {level: level})
  WITH carrier_ids, level, coalesce(at_level, asked) AS target
  MATCH up = (target)-[:PART_OF*0..]->(seat:Region)<-[:IN_REGION]-(d:Department)-[p:PERFORMS]->(f:Function)
  WHERE f.id IN carrier_ids
    AND (p.valid_from IS NULL OR p.valid_from <= $as_of) AND (p.valid_to IS NULL OR $as_of < p.valid_to)
    AND (d.valid_from IS NULL OR d.valid_from <= $as_of) AND (d.valid_to IS NULL OR $as_of < d.valid_to)
  WITH level, f, d, seat, p, length(up) - 2 AS distance ORDER BY level, f.id, distance, d.id
  RETURN collect({level: level, function_id: f.id, department: d {.id, .name, .level}, region: seat {.id, .name, .level},
                  performs: p {.valid_from, .valid_to, .source}, distance: distance}) AS performers
}
RETURN assignments, scopes, bases, carriers, performers
