// The server's data directory: the test guard wipes only a server whose data lives in the test home.
// mode: read
// params:
// returns: data_directory
SHOW SETTINGS YIELD name, value
WHERE name = 'server.directories.data'
RETURN value AS data_directory
