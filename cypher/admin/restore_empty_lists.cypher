// After an initial import: gives these nodes of one label back the empty list a property held (the loaders write
// `tags = []`, not no tags), which neo4j-admin import cannot store (an empty array field stores no property:
// neo4j/neo4j#13566). One branch per label the model gives a list property, each an index seek by id; the id
// reaches only the branch of $label (as a WHERE, the planner tests the label after seeking in all eight)
// (loaders/bulk_import.py refuses any other label; tests/unit/test_bulk_import.py checks the branches). Not the
// audit log's: it is append-only (tests/unit/test_hardening.py); an event carried over with no object ids keeps none.
// mode: write
// params: label, property, ids
// returns: restored
UNWIND $ids AS id
CALL (id) {
  UNWIND CASE $label WHEN 'Function' THEN [id] ELSE [] END AS key MATCH (n:Function {id: key}) RETURN n
  UNION
  UNWIND CASE $label WHEN 'BasisVersion' THEN [id] ELSE [] END AS key MATCH (n:BasisVersion {id: key}) RETURN n
  UNION
  UNWIND CASE $label WHEN 'Subject' THEN [id] ELSE [] END AS key MATCH (n:Subject {id: key}) RETURN n
  UNION
  UNWIND CASE $label WHEN 'Inspector' THEN [id] ELSE [] END AS key MATCH (n:Inspector {id: key}) RETURN n
  UNION
  UNWIND CASE $label WHEN 'JointInspection' THEN [id] ELSE [] END AS key MATCH (n:JointInspection {id: key}) RETURN n
  UNION
  UNWIND CASE $label WHEN 'Clue' THEN [id] ELSE [] END AS key MATCH (n:Clue {id: key}) RETURN n
  UNION
  UNWIND CASE $label WHEN 'Referral' THEN [id] ELSE [] END AS key MATCH (n:Referral {id: key}) RETURN n
  UNION
  UNWIND CASE $label WHEN 'SearchIndex' THEN [id] ELSE [] END AS key MATCH (n:SearchIndex {id: key}) RETURN n
}
SET n[$property] = []
RETURN count(n) AS restored
