// The id of the transaction this statement runs in (the marker string finds this very statement).
// mode: read
// params:
// returns: id
SHOW TRANSACTIONS YIELD transactionId, currentQuery
WHERE currentQuery CONTAINS 'graphsvc:current_transaction'
RETURN transactionId AS id
