// How many subjects, licences, inspectors, tasks, clues and referral hops the graph holds, and whether it holds
// the reference catalogue (regions): an initial import (neo4j-admin) is only for a graph without entity data.
// mode: read
// params:
// returns: entities, regions
CALL () {
  MATCH (n)
  WHERE n:Subject OR n:Licence OR n:Inspector OR n:InspectionTask OR n:Clue OR n:Referral
  RETURN count(n) AS entities
}
CALL () {
  MATCH (r:Region)
  RETURN count(r) AS regions
}
RETURN entities, regions
