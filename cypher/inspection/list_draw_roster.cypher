// The roster (名录库) a draw draws from: subjects located in the region or below, of any of the subject types
// (all when none given), whose industry code starts with the prefix (any when null), carrying every tag given,
// and on record before the given epoch milliseconds (all when null; a replay passes the draw's time).
// One row holding a list of [id, credit_grade, risk_class] (packed: see inspection/list_merge_tasks).
// mode: read
// params: region_id, type_ids, industry_prefix, tags, created_before_ms
// returns: subjects
MATCH (:Region {id: $region_id})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(s:Subject)
WHERE (size($type_ids) = 0 OR EXISTS { (s)-[:OF_TYPE]->(t:SubjectType) WHERE t.id IN $type_ids })
  AND ($industry_prefix IS NULL OR s.industry_code STARTS WITH $industry_prefix)
  AND all(tag IN $tags WHERE tag IN coalesce(s.tags, []))
  AND ($created_before_ms IS NULL OR s.created_at.epochMillis < $created_before_ms)
RETURN collect([s.id, s.credit_grade, s.risk_class]) AS subjects
