// The id of every inspection plan in the graph, so a load can check references before it writes.
// mode: read
// params:
// returns: ids
MATCH (n:InspectionPlan)
RETURN collect(n.id) AS ids
