// For the cited articles, the functions they name and which of the given departments perform them (or the
// functions a reform handed them to, e.g. 工商行政管理部门 → 市场监督管理部门) on the date: whether a list's
// 实施主体 is the department the law's wording points to.
// mode: read
// params: article_ids, department_ids, as_of
// returns: article_id, function_id, function_name, performers
UNWIND $article_ids AS article_id
MATCH (a:Article {id: article_id})-[:NAMES_FUNCTION]->(f:Function)
OPTIONAL MATCH (f)-[:SUCCEEDED_BY*0..]->(:Function)<-[p:PERFORMS]-(d:Department)
WHERE d.id IN $department_ids
  AND (p.valid_from IS NULL OR p.valid_from <= $as_of) AND (p.valid_to IS NULL OR $as_of < p.valid_to)
RETURN article_id, f.id AS function_id, f.name AS function_name, collect(DISTINCT d.id) AS performers
