// The title, channel and time of the named clues, for one page of a listing.
// mode: read
// params: ids
// returns: id, title, channel, received_at, status
MATCH (c:Clue)
WHERE c.id IN $ids
RETURN c.id AS id, c.title AS title, c.channel AS channel, c.received_at AS received_at, c.status AS status
