// Every function with the wordings legal texts use for it: what the law-text loader places authority phrases on.
// mode: read
// params:
// returns: id, name, aliases
MATCH (f:Function)
RETURN f.id AS id, f.name AS name, coalesce(f.aliases, []) AS aliases
ORDER BY id
