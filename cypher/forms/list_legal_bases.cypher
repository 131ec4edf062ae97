// Every legal basis with its titles, for matching the law titles a form cites.
// mode: read
// params:
// returns: id, title, short_title
MATCH (b:LegalBasis)
RETURN b.id AS id, b.title AS title, b.short_title AS short_title
ORDER BY b.id
