// The captions the loaders wrote for the Browser: departments, functions and referral hops.
// mode: read
// params:
// returns: label, id, caption
MATCH (n)
WHERE (n:Department OR n:Function OR n:Referral) AND n.caption IS NOT NULL
RETURN labels(n)[0] AS label, n.id AS id, n.caption AS caption
