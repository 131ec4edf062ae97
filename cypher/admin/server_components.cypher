// The server's product name, version and edition; also the readiness probe.
// mode: read
// params:
// returns: name, version, edition
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
