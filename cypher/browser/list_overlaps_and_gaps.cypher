// 重叠与空白:一个地区里,按现行牵头安排找到的牵头部门不止一个(重叠)或一个也没有(空白)的事项。与
// draw_responsibility 同一走法:牵头安排 → 职能(含改革承继)→ 本地区及其上级在事项层级上履行它的部门,或直接指定的部门。
// 编办裁定与许可规则(谁审批、谁监管)只在 API 的 /responsibility/audit 中适用,那里的结论为准。
// mode: read
// params: region_id
// returns: finding, matter_id, matter, level, leads
MATCH (here:Region {id: $region_id})-[:PART_OF*0..]->(up:Region)
WITH collect(up) AS chain
MATCH (m:Matter)
OPTIONAL MATCH (m)<-[:FOR_MATTER]-(a:Assignment {role: '牵头'})-[:ASSIGNED_TO]->(holder)
WHERE (a.valid_to IS NULL OR a.valid_to > date())
  AND NOT EXISTS { (a)<-[:SUPERSEDES]-(:Assignment) }
  AND all(r IN [(a)-[:IN_REGION]->(r:Region) | r] WHERE r IN chain)
OPTIONAL CALL (m, holder, chain) {
  MATCH (holder:Department)
  RETURN holder AS lead
  UNION
  MATCH (holder:Function)-[:SUCCEEDED_BY*0..3]->(:Function)<-[p:PERFORMS]-(d:Department)-[:IN_REGION]->(r:Region)
  WHERE r IN chain AND (p.valid_to IS NULL OR p.valid_to > date()) AND (d.valid_to IS NULL OR d.valid_to > date())
    AND (m.level IS NULL OR d.level = m.level)
  RETURN d AS lead
}
WITH m, collect(DISTINCT lead) AS leads
WITH m, leads, CASE size(leads) WHEN 0 THEN '空白' WHEN 1 THEN '' ELSE '重叠' END AS finding
WHERE finding <> ''
RETURN finding, m.id AS matter_id, m.name AS matter, m.level AS level,
       [d IN leads | coalesce(d.caption, d.name)] AS leads
ORDER BY finding DESC, matter_id
