// What a resolution reads from the store besides the catalogue, which a process may hold in memory, in one
// statement (so that an answer from the held catalogue is one round trip): the catalogue's stamp, read first (the
// held model is current while it holds this stamp), and the devolved powers in force on a date over each matter
// that concern the asked region: the power of the 街道/乡镇 the region is (or lies in) — here = true — and, asked
// about a region above streets (a county), the powers of every street/town under it — here = false. With the
// decision (and the article it rests on) and the county department the power was taken from.
// mode: read
// params: matter_ids, region_id, as_of
// returns: versions, devolutions
CALL () {
  OPTIONAL MATCH (v:CatalogueVersion {id: 'catalogue'})
  WITH v ORDER BY v.version
  RETURN collect(v.version) AS versions
}
CALL () {
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
  WITH matter_id, p, here, street, office, from, county, d, art, v, b
  ORDER BY matter_id, street.id, d.effective_from, p.id
  RETURN collect({
    matter_id: matter_id, power_id: p.id, here: here,
    street: street {.id, .name},
    office: office {.id, .name},
    taken_from: from {.id, .name, region: county {.id, .name}},
    decision: d {.id, .title, .doc_no, .issuer, .published_on, .effective_from, .effective_to, .source,
                 article: CASE WHEN art IS NULL THEN NULL
                          ELSE {article_id: art.id, article: art.label, title: b.title, version: v.version} END}
  }) AS devolutions
}
RETURN versions, devolutions
