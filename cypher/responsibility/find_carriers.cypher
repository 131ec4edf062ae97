// The functions that carry each given function's role on a date: the function itself, or, after reforms that
// took effect by then, every function at the end of its SUCCEEDED_BY chains (a reform may split a role, as
// 质量监督检验检疫 went to 市场监督管理 and to 海关), each with the steps that led there.
// mode: read
// params: function_ids, as_of
// returns: function_id, carriers
UNWIND $function_ids AS function_id
MATCH chain = (:Function {id: function_id})-[:SUCCEEDED_BY*0..]->(carrier:Function)
WHERE all(s IN relationships(chain) WHERE s.valid_from IS NULL OR s.valid_from <= $as_of)
  AND NOT EXISTS {
    MATCH (carrier)-[later:SUCCEEDED_BY]->(:Function)
    WHERE later.valid_from IS NULL OR later.valid_from <= $as_of
  }
WITH function_id, carrier, chain ORDER BY carrier.id
RETURN function_id, collect({id: carrier.id, name: carrier.name, succession: [s IN relationships(chain) | {
  from_id: startNode(s).id, from_name: startNode(s).name, to_id: endNode(s).id, to_name: endNode(s).name,
  valid_from: s.valid_from, note: s.note
}]}) AS carriers
