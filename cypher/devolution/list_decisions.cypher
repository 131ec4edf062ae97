// Devolution decisions with a title, newest first: which decision a file loaded, to review or remove it.
// mode: read
// params: title
// returns: id, title, doc_no, issuer, published_on, effective_from, effective_to, powers
MATCH (d:DevolutionDecision {title: $title})
RETURN d.id AS id, d.title AS title, d.doc_no AS doc_no, d.issuer AS issuer, d.published_on AS published_on,
       d.effective_from AS effective_from, d.effective_to AS effective_to,
       COUNT { (d)-[:DEVOLVES]->(:DevolvedPower) } AS powers
ORDER BY d.effective_from DESC
