// The departments that sit in a region (not the regions above or below it).
// mode: read
// params: region_id
// returns: id, name, short_name, level, kind
MATCH (d:Department)-[:IN_REGION]->(:Region {id: $region_id})
RETURN d.id AS id, d.name AS name, d.short_name AS short_name, d.level AS level, d.kind AS kind
ORDER BY id
