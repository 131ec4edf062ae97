// After an initial import and its schema: gives the imported entities back the empty lists neo4j-admin import
// cannot store (an empty array field stores no property: neo4j/neo4j#13566). Every node of these labels was written
// by the import with its list property (the database held none before), so those without it are exactly those
// whose list was empty: a label scan finds them without their ids (no index holds these lists). One branch per
// entity label whose list the import writes; only $label's branch scans (the others unwind nothing). The label is
// scanned once, committing every $batch nodes (an auto-commit statement: Runner.write_in_transactions), rather
// than once per batch (a province's 577k empty tags: 16.2 s batch by batch, 13.3 s in one scan).
// mode: write
// params: label, property, batch
// returns: restored
CALL () {
  UNWIND CASE $label WHEN 'Subject' THEN [true] ELSE [] END AS scan MATCH (n:Subject) WHERE n[$property] IS NULL RETURN n
  UNION
  UNWIND CASE $label WHEN 'Inspector' THEN [true] ELSE [] END AS scan MATCH (n:Inspector) WHERE n[$property] IS NULL RETURN n
  UNION
  UNWIND CASE $label WHEN 'Clue' THEN [true] ELSE [] END AS scan MATCH (n:Clue) WHERE n[$property] IS NULL RETURN n
}
CALL (n) {
  SET n[$property] = []
} IN TRANSACTIONS OF $batch ROWS
RETURN count(n) AS restored
