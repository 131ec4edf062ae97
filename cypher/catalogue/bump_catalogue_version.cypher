// A new stamp for the catalogue, run in the transaction of every write that changed it (graphsvc/catalogue_version.py):
// processes holding the catalogue in memory reload it when the stamp they see differs. A random stamp, not a
// counter: a wiped and reloaded store must never come back to a stamp a process already holds.
// mode: write
// params:
// returns: version
MERGE (v:CatalogueVersion {id: 'catalogue'})
SET v.version = randomUUID(), v.updated_at = datetime()
RETURN v.version AS version
