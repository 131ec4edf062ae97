// One page of clues, newest first, filtered by region (and the regions below it), status, channel, words and days.
// mode: read
// params: region_id, status, channel, query, date_from, date_to, offset, limit
// returns: total, items
CALL () {
  WITH $query AS q WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes('clue_text', q, {limit: 5000}) YIELD node
  RETURN node AS c
  UNION
  WITH $query AS q WHERE q IS NULL
  MATCH (node:Clue)
  RETURN node AS c
}
MATCH (c)-[:IN_REGION]->(r:Region)
WHERE ($region_id IS NULL OR EXISTS { (r)-[:PART_OF*0..]->(:Region {id: $region_id}) })
  AND ($status IS NULL OR c.status = $status)
  AND ($channel IS NULL OR c.channel = $channel)
  AND ($date_from IS NULL OR date(c.received_at) >= $date_from)
  AND ($date_to IS NULL OR date(c.received_at) <= $date_to)
WITH c, r ORDER BY c.received_at DESC, c.id
WITH collect({c: c, r: r}) AS rows
WITH size(rows) AS total, rows[$offset..$offset + $limit] AS page
CALL (page) {
  UNWIND range(0, size(page) - 1) AS i
  WITH i, page[i].c AS c, page[i].r AS r
  OPTIONAL MATCH (c)-[:RECEIVED_BY]->(d:Department)
  OPTIONAL MATCH (c)-[:ON_SUBJECT]->(s:Subject)
  WITH i, c, r, d, s, COUNT { (c)<-[:OF_CLUE]-(:Referral) } AS hops
  ORDER BY i
  RETURN collect({id: c.id, title: c.title, channel: c.channel, received_at: c.received_at, status: c.status,
                  region: r {.id, .name}, received_by: d {.id, .name}, subject: s {.id, .name}, hops: hops}) AS items
}
RETURN total, items
