// 修法挪动了什么:一部法律的各个版本,条号在修改中变了的条款(RENUMBERED_AS,旧 → 新)里被事项、安排或裁定引用的
// 那些,以及引用它们的事项、安排和裁定。引用了旧条号的,应复核是否改引新条号(API:/legal-bases/{id}/impact)。
// mode: read
// params: basis_id
// returns: law, versions, moved, cites
MATCH (law:LegalBasis {id: $basis_id})
MATCH versions = (law)-[:HAS_VERSION]->(:BasisVersion)
WITH law, collect(versions) AS versions
OPTIONAL MATCH moved = (law)-[:HAS_VERSION]->(:BasisVersion)-[:HAS_ARTICLE]->(old:Article)-[:RENUMBERED_AS]->(new:Article)
      <-[:HAS_ARTICLE]-(:BasisVersion)
WHERE old.number <> new.number
  AND (EXISTS { (old)<-[:BASED_ON]-(:Matter|Assignment|Ruling) } OR EXISTS { (new)<-[:BASED_ON]-(:Matter|Assignment|Ruling) })
UNWIND CASE WHEN moved IS NULL THEN [null] ELSE [old, new] END AS provision
OPTIONAL MATCH cites = (provision)<-[:BASED_ON]-(:Matter|Assignment|Ruling)
RETURN law, versions, collect(DISTINCT moved) AS moved, collect(DISTINCT cites) AS cites
