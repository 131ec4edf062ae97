// The clues whose chain touches one of these places (their own region, their receiver, a hop's sender or
// receiver), their summaries marked as not current (the sweep then analyses their chains until they are
// summarised again): after a reference load moved, renamed or removed a department or a region, the flags
// that depend on where departments lie (CROSS_REGION, CROSS_PROVINCE) may have changed.
// mode: write
// params: ids
// returns: ids
UNWIND $ids AS place_id
CALL (place_id) {
  MATCH (c:Clue)-[:IN_REGION]->(:Region {id: place_id})
  RETURN c
  UNION
  MATCH (c:Clue)-[:RECEIVED_BY]->(:Department {id: place_id})
  RETURN c
  UNION
  MATCH (c:Clue)<-[:OF_CLUE]-(:Referral)-[:FROM_DEPARTMENT|TO_DEPARTMENT]->(:Department {id: place_id})
  RETURN c
}
WITH DISTINCT c
REMOVE c.summary_version
RETURN collect(c.id) AS ids
