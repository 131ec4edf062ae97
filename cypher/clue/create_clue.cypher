// Records a new clue (region, subject, the matters it was classified to, the department that received it)
// and its first hops: the 分办 to each department, with the proposal that suggested it as evidence.
// mode: write
// params: id, title, description, channel, received_at, status, region_id, subject_id, receiver_id, matters, hops, actor
// returns: id
MATCH (region:Region {id: $region_id})
CREATE (c:Clue {id: $id, title: $title, description: $description, channel: $channel,
                received_at: $received_at, status: $status,
                created_at: datetime(), created_by: $actor, updated_at: datetime(), updated_by: $actor})
CREATE (c)-[:IN_REGION {updated_at: datetime(), updated_by: $actor}]->(region)
WITH c
CALL (c) {
  MATCH (s:Subject {id: $subject_id})
  CREATE (c)-[:ON_SUBJECT {updated_at: datetime(), updated_by: $actor}]->(s)
}
CALL (c) {
  MATCH (d:Department {id: $receiver_id})
  CREATE (c)-[:RECEIVED_BY {updated_at: datetime(), updated_by: $actor}]->(d)
}
CALL (c) {
  UNWIND $matters AS matter
  MATCH (m:Matter {id: matter.id})
  CREATE (c)-[:ABOUT_MATTER {score: matter.score, rank: matter.rank, updated_at: datetime(), updated_by: $actor}]->(m)
}
CALL (c) {
  UNWIND $hops AS hop
  MATCH (target:Department {id: hop.to_id})
  CREATE (r:Referral {id: hop.id, kind: '分办', sent_at: hop.sent_at, reason: hop.reason,
                      caption: '分办' + ' ' + toString(hop.sent_at.month) + '-' + right('0' + toString(hop.sent_at.day), 2) + ' → ' + coalesce(last(split(target.caption, ' ')), target.short_name, target.name),
                      proposed_matter_id: hop.proposed_matter_id, proposed_department_id: hop.proposed_department_id,
                      proposal_rule: hop.proposal_rule, proposal_score: hop.proposal_score,
                      proposal_basis: hop.proposal_basis, proposal_flags: hop.proposal_flags,
                      created_at: datetime(), created_by: $actor, updated_at: datetime(), updated_by: $actor})
  CREATE (r)-[:OF_CLUE {updated_at: datetime(), updated_by: $actor}]->(c)
  CREATE (r)-[:TO_DEPARTMENT {updated_at: datetime(), updated_by: $actor}]->(target)
}
RETURN c.id AS id
