// Waits until every index is online, so that the first query after `schema apply` can use it.
// mode: schema
CALL db.awaitIndexes(300)
