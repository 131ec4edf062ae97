// Removes one devolution decision and its powers (the offices it created stay: they exist in law). For a decision
// loaded by mistake, and for the benchmark's synthetic one; the audit log keeps the removed ids.
// mode: write
// params: id, actor
// returns: removed, before, after
OPTIONAL MATCH (d:DevolutionDecision {id: $id})
OPTIONAL MATCH (d)-[:DEVOLVES]->(p:DevolvedPower)
WITH d, collect(p) AS powers
WITH d, powers, [x IN powers | x.id] AS removed
FOREACH (x IN powers | DETACH DELETE x)
FOREACH (x IN CASE WHEN d IS NULL THEN [] ELSE [d] END | DETACH DELETE x)
RETURN removed, {decision: $id, powers: removed} AS before, {decision: NULL, by: $actor} AS after
