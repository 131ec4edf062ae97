// 进一次门、查多项事:一个监管对象的全部检查任务和实施部门,已并入的联合检查(牵头与配合部门),以及合并方案
// 拟定的联合检查。同一对象、窗口有共同日期的几项任务才能合并。
// mode: read
// params: subject_id
// returns: subject, tasks, joints, proposals
MATCH (s:Subject {id: $subject_id})
OPTIONAL MATCH checked = (s)<-[:ON_SUBJECT]-(t:InspectionTask)-[:BY_DEPARTMENT]->(:Department)
OPTIONAL MATCH merged = (t)-[:MERGED_INTO]->(:JointInspection)-[:LED_BY|COOPERATED_BY]->(:Department)
OPTIONAL MATCH proposed = (s)<-[:ON_SUBJECT]-(:JointInspection)<-[:PROPOSES]-(:MergePlan)
RETURN s AS subject, collect(DISTINCT checked) AS tasks, collect(DISTINCT merged) AS joints,
       collect(DISTINCT proposed) AS proposals
