// Writes devolution decisions (行政处罚法第二十四条) as one statement, so a file loads whole or not at all: each
// decision with the province-level government that made it and the article it rests on, the offices of the
// 街道/乡镇 that take powers (created on first mention, kind 乡镇街道), and its devolved powers (matter, the
// county department it is taken from, the office that takes it). With $replace the file is the corrected list
// of each decision it names: that decision's powers the file no longer lists are removed (their ids returned,
// so the audit log keeps them).
// mode: write
// params: rows, offices, powers, replace, actor
// returns: id, powers, removed
CALL () {
  UNWIND $offices AS office
  MATCH (street:Region {id: office.region_id})
  MERGE (o:Department {id: office.id})
    ON CREATE SET o.created_at = datetime(), o.created_by = $actor, o.name = office.name,
                  o.short_name = office.name, o.caption = office.caption, o.level = '乡', o.kind = '乡镇街道'
  MERGE (o)-[in_region:IN_REGION]->(street)
    ON CREATE SET in_region.updated_at = datetime(), in_region.updated_by = $actor
}
UNWIND $rows AS row
MATCH (gov:Department {id: row.issuer_id})
MERGE (d:DevolutionDecision {id: row.id})
  ON CREATE SET d.created_at = datetime(), d.created_by = $actor
SET d.title = row.title, d.doc_no = row.doc_no, d.issuer = row.issuer, d.published_on = row.published_on,
    d.effective_from = row.effective_from, d.effective_to = row.effective_to, d.source = row.source,
    d.updated_at = datetime(), d.updated_by = $actor
MERGE (d)-[decided:DECIDED_BY]->(gov)
SET decided.updated_at = datetime(), decided.updated_by = $actor
WITH d, row
CALL (d, row) {
  MATCH (article:Article {id: row.article_id})
  MERGE (d)-[basis:DECISION_BASIS]->(article)
  SET basis.updated_at = datetime(), basis.updated_by = $actor
}
CALL (d, row) {
  UNWIND $powers AS power
  WITH d, row, power WHERE power.decision_id = row.id
  MATCH (m:Matter {id: power.matter_id}), (from:Department {id: power.from_id}), (to:Department {id: power.to_id})
  MERGE (p:DevolvedPower {id: power.id})
    ON CREATE SET p.created_at = datetime(), p.created_by = $actor
  SET p.note = power.note, p.source = power.source, p.updated_at = datetime(), p.updated_by = $actor
  MERGE (d)-[devolves:DEVOLVES]->(p)
  SET devolves.updated_at = datetime(), devolves.updated_by = $actor
  MERGE (p)-[of:DEVOLVED_MATTER]->(m)
  SET of.updated_at = datetime(), of.updated_by = $actor
  MERGE (p)-[taken:DEVOLVED_FROM]->(from)
  SET taken.updated_at = datetime(), taken.updated_by = $actor
  MERGE (p)-[given:DEVOLVED_TO]->(to)
  SET given.updated_at = datetime(), given.updated_by = $actor
}
CALL (d, row) {
  OPTIONAL MATCH (d)-[:DEVOLVES]->(old:DevolvedPower)
  WHERE $replace AND NOT old.id IN [power IN $powers WHERE power.decision_id = row.id | power.id]
  WITH collect(old) AS gone
  WITH gone, [g IN gone | g.id] AS removed
  FOREACH (g IN gone | DETACH DELETE g)
  RETURN removed
}
RETURN d.id AS id, size([power IN $powers WHERE power.decision_id = row.id]) AS powers, removed
