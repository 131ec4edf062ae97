// The catalogue's stamp (none on a store no catalogue write has touched): a process's read model is current while
// it holds this stamp. Sorted, in case two first writes raced and made two nodes.
// mode: read
// params:
// returns: versions
OPTIONAL MATCH (v:CatalogueVersion {id: 'catalogue'})
WITH v ORDER BY v.version
RETURN collect(v.version) AS versions
