// The regions each scoped matter applies in, and whether the asked region lies in one of them. A matter without
// APPLIES_IN applies everywhere and returns no row.
// mode: read
// params: matter_ids, region_id
// returns: matter_id, regions, in_scope
UNWIND $matter_ids AS matter_id
MATCH (:Matter {id: matter_id})-[s:APPLIES_IN]->(scope:Region)
WITH matter_id, collect({id: scope.id, name: scope.name, source: s.source}) AS regions,
     collect(scope.id) AS ids
RETURN matter_id, regions,
       EXISTS { MATCH (:Region {id: $region_id})-[:PART_OF*0..]->(r:Region) WHERE r.id IN ids } AS in_scope
ORDER BY matter_id
