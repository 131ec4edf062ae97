// The devolved powers in force on a date over each matter that concern the asked region: the power of the
// 街道/乡镇 the region is (or lies in) — here = true — and, asked about a region above streets (a county), the
// powers of every street/town under it — here = false. With the decision (and the article it rests on) and the
// county department the power was taken from.
// mode: read
// params: matter_ids, region_id, as_of
// returns: matter_id, power_id, here, street, office, taken_from, decision
MATCH (asked:Region {id: $region_id})
UNWIND $matter_ids AS matter_id
MATCH (:Matter {id: matter_id})<-[:DEVOLVED_MATTER]-(p:DevolvedPower)<-[:DEVOLVES]-(d:DevolutionDecision)
WHERE d.effective_from <= $as_of AND (d.effective_to IS NULL OR $as_of < d.effective_to)
MATCH (p)-[:DEVOLVED_TO]->(office:Department)-[:IN_REGION]->(street:Region)
MATCH (p)-[:DEVOLVED_FROM]->(from:Department)-[:IN_REGION]->(county:Region)
WITH matter_id, p, d, office, street, from, county, asked,
     EXISTS { MATCH (asked)-[:PART_OF*0..]->(street) } AS here
WHERE here OR EXISTS { MATCH (street)-[:PART_OF*1..]->(asked) }
OPTIONAL MATCH (d)-[:DECISION_BASIS]->(art:Article)<-[:HAS_ARTICLE]-(v:BasisVersion)<-[:HAS_VERSION]-(b:LegalBasis)
RETURN matter_id, p.id AS power_id, here,
       street {.id, .name} AS street,
       office {.id, .name} AS office,
       from {.id, .name, region: county {.id, .name}} AS taken_from,
       d {.id, .title, .doc_no, .issuer, .published_on, .effective_from, .effective_to, .source,
          article: CASE WHEN art IS NULL THEN NULL
                   ELSE {article_id: art.id, article: art.label, title: b.title, version: v.version} END} AS decision
ORDER BY matter_id, street.id, d.effective_from, p.id
