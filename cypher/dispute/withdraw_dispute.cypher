// Withdraws a dispute still awaiting a ruling; returns nothing when it is not (any more) awaiting one.
// mode: write
// params: id, reason, actor
// returns: id, status
MATCH (d:Dispute {id: $id})
WHERE d.status = '待裁定'
SET d.status = '已撤回', d.withdrawn_at = datetime(), d.withdrawn_by = $actor, d.withdrawal_reason = $reason,
    d.updated_at = datetime(), d.updated_by = $actor
RETURN d.id AS id, d.status AS status
