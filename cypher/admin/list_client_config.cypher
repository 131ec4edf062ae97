// The settings the server hands to clients such as the Browser (post-connect command, remote-content allow-list).
// mode: read
// params:
// returns: name, value
CALL dbms.clientConfig() YIELD name, value
RETURN name, value
