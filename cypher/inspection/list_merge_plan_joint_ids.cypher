// The ids of a merge plan's proposed joint inspections still awaiting acceptance.
// mode: read
// params: id
// returns: ids
MATCH (:MergePlan {id: $id})-[:PROPOSES]->(j:JointInspection {status: '拟定'})
RETURN collect(j.id) AS ids
