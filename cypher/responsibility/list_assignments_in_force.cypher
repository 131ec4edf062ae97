// The assignments of each matter that hold in a region on a date: unscoped ones and those scoped to the region
// or a region above it (scope_depth: 0 = the region itself, larger = further up, null = unscoped), with the
// ruling that created each (with the articles it cites: its own legal basis) and the department or function it
// names.
// mode: read
// params: matter_ids, region_id, as_of
// returns: matter_id, assignment, role, ruling, scope_depth, department, function
UNWIND $matter_ids AS matter_id
MATCH (:Matter {id: matter_id})<-[:FOR_MATTER]-(a:Assignment)-[:ASSIGNED_TO]->(holder)
WHERE (a.valid_from IS NULL OR a.valid_from <= $as_of) AND (a.valid_to IS NULL OR $as_of < a.valid_to)
OPTIONAL MATCH (a)-[:IN_REGION]->(scope:Region)
OPTIONAL MATCH path = (:Region {id: $region_id})-[:PART_OF*0..]->(scope)
WITH matter_id, a, holder, scope, path
WHERE scope IS NULL OR path IS NOT NULL
OPTIONAL MATCH (ruling:Ruling)-[:CREATED]->(a)
RETURN matter_id, a {.id, .role, .source, .valid_from, .valid_to} AS assignment, a.role AS role,
       ruling {.id, .kind, .deciding_body, .issuer, .decided_on, .effective_from, .retroactive_reason, .statement,
         basis: [(ruling)-[:BASED_ON]->(art:Article)<-[:HAS_ARTICLE]-(v:BasisVersion)<-[:HAS_VERSION]-(b:LegalBasis) |
                 {article_id: art.id, article: art.label, title: b.title, version: v.version, gist: art.gist}]} AS ruling,
       CASE WHEN path IS NULL THEN NULL ELSE length(path) END AS scope_depth,
       CASE WHEN holder:Department THEN holder {.id, .name} END AS department,
       CASE WHEN holder:Function THEN holder {.id, .name} END AS function
ORDER BY matter_id, a.id
