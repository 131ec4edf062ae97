// 谁来管:一个事项在本地由谁牵头、谁配合,为什么。画出事项现行的牵头/配合安排(编办裁定产生的也在内)、安排的承担者
// (法律所称的职能,或指定的部门)、本地区及其上级中在事项层级上履行该职能的部门(机构改革后的承继职能也算),
// 以及安排所依据的法律条款和版本。有两个牵头部门即重叠,没有即空白;API 的 /responsibility/resolve 给出裁决规则。
// mode: read
// params: matter_id, region_id
// returns: matter, here, assignments, performers, bases, rulings
MATCH (m:Matter {id: $matter_id}), (here:Region {id: $region_id})
MATCH (here)-[:PART_OF*0..]->(up:Region)
WITH m, here, collect(up) AS chain
OPTIONAL MATCH assigned = (m)<-[:FOR_MATTER]-(a:Assignment)-[:ASSIGNED_TO]->(holder)
WHERE (a.valid_to IS NULL OR a.valid_to > date())
  AND NOT EXISTS { (a)<-[:SUPERSEDES]-(:Assignment) }
  AND all(r IN [(a)-[:IN_REGION]->(r:Region) | r] WHERE r IN chain)
OPTIONAL MATCH performs = (holder:Function)-[:SUCCEEDED_BY*0..3]->(:Function)<-[p:PERFORMS]-(d:Department)
      -[:IN_REGION]->(r:Region)
WHERE r IN chain AND (p.valid_to IS NULL OR p.valid_to > date()) AND (d.valid_to IS NULL OR d.valid_to > date())
  AND (m.level IS NULL OR d.level = m.level)
OPTIONAL MATCH basis = (a)-[:BASED_ON]->(:Article)<-[:HAS_ARTICLE]-(:BasisVersion)<-[:HAS_VERSION]-(:LegalBasis)
OPTIONAL MATCH ruled = (a)<-[:CREATED]-(:Ruling)-[:SETTLES]->(:Dispute)
WITH m, here, collect(DISTINCT assigned) AS assignments, collect(DISTINCT performs) AS performers,
     collect(DISTINCT basis) AS bases, collect(DISTINCT ruled) AS rulings
OPTIONAL MATCH cited = (m)-[:BASED_ON]->(:Article)<-[:HAS_ARTICLE]-(:BasisVersion)<-[:HAS_VERSION]-(:LegalBasis)
WITH m, here, assignments, performers, bases, rulings, collect(cited) AS matter_bases
RETURN m AS matter, here, assignments, performers, bases + matter_bases AS bases, rulings
