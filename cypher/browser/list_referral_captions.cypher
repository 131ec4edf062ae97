// The captions the loaders and the clue service wrote on referral hops (转办 3-02 → 城管局).
// mode: read
// params:
// returns: id, caption
MATCH (r:Referral)
RETURN r.id AS id, r.caption AS caption
