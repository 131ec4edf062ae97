// A dispute with its matter, region, parties and the rulings that settled it (newest first), each with the
// articles it cites and what it assigned.
// mode: read
// params: id
// returns: id, kind, text, statement, status, filed_at, created_by, withdrawn_at, withdrawn_by, withdrawal_reason, matter, region, claimants, rulings
MATCH (d:Dispute {id: $id})-[:IN_REGION]->(r:Region)
OPTIONAL MATCH (d)-[:FOR_MATTER]->(m:Matter)
CALL (d) {
  OPTIONAL MATCH (d)-[c:CLAIMANT]->(dept:Department)
  WITH dept, c ORDER BY dept.id
  RETURN collect(CASE WHEN dept IS NULL THEN NULL ELSE {id: dept.id, name: dept.name, kind: dept.kind,
                                                   position: c.position} END)
    AS claimants
}
CALL (d) {
  OPTIONAL MATCH (ruling:Ruling)-[:SETTLES]->(d)
  WITH ruling ORDER BY ruling.effective_from DESC, ruling.id DESC
  RETURN collect(ruling {.id, .kind, .deciding_body, .issuer, .decided_on, .effective_from, .retroactive_reason,
    .statement, .created_by, .created_at,
    basis: [(ruling)-[:BASED_ON]->(a:Article)<-[:HAS_ARTICLE]-(v:BasisVersion)<-[:HAS_VERSION]-(b:LegalBasis) |
            {article_id: a.id, article: a.label, title: b.title, version: v.version}],
    holders: [(ruling)-[:CREATED]->(x:Assignment)-[:ASSIGNED_TO]->(h) |
              {role: x.role, id: h.id, name: h.name, kind: CASE WHEN h:Function THEN 'function' ELSE 'department' END}]
  }) AS rulings
}
RETURN d.id AS id, d.kind AS kind, d.text AS text, d.statement AS statement, d.status AS status,
       d.filed_at AS filed_at, d.created_by AS created_by, d.withdrawn_at AS withdrawn_at,
       d.withdrawn_by AS withdrawn_by, d.withdrawal_reason AS withdrawal_reason,
       m {.id, .name} AS matter, r {.id, .name} AS region, claimants, rulings
