// After an initial import: gives these nodes of one label back the empty list a property held (the loaders write
// `tags = []`, not no tags), which neo4j-admin import cannot store (an empty array field stores no property:
// neo4j/neo4j#13566). One branch per label the model gives a list property, each an index seek by id
// (loaders/bulk_import.py refuses any other label; tests/unit/test_bulk_import.py checks the branches). Not the
// audit log's: it is append-only (tests/unit/test_hardening.py); an event carried over with no object ids keeps none.
// mode: write
// params: label, property, ids
// returns: restored
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Function {id: id}) WHERE $label = 'Function' RETURN n
  UNION
  MATCH (n:BasisVersion {id: id}) WHERE $label = 'BasisVersion' RETURN n
  UNION
  MATCH (n:Subject {id: id}) WHERE $label = 'Subject' RETURN n
  UNION
  MATCH (n:Inspector {id: id}) WHERE $label = 'Inspector' RETURN n
  UNION
  MATCH (n:JointInspection {id: id}) WHERE $label = 'JointInspection' RETURN n
  UNION
  MATCH (n:Clue {id: id}) WHERE $label = 'Clue' RETURN n
  UNION
  MATCH (n:Referral {id: id}) WHERE $label = 'Referral' RETURN n
  UNION
  MATCH (n:SearchIndex {id: id}) WHERE $label = 'SearchIndex' RETURN n
}
SET n[$property] = []
RETURN count(n) AS restored
