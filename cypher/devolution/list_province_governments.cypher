// The people's governments of 省、自治区、直辖市: the only bodies whose devolution decisions 行政处罚法第二十四条
// provides for ("省、自治区、直辖市……可以决定"), with every other government, to say why one is refused.
// mode: read
// params:
// returns: id, name, short_name, region_id, region_level
MATCH (gov:Department {kind: '人民政府'})-[:IN_REGION]->(r:Region)
RETURN gov.id AS id, gov.name AS name, gov.short_name AS short_name, r.id AS region_id, r.level AS region_level
ORDER BY gov.id
