// Writes the words the behaviour search finds each matter by (derived data: the matter's own fields and its
// updated_at stay as they were; the refresh is recorded on the SearchIndex node).
// mode: write
// params: rows
// returns: id
UNWIND $rows AS row
MATCH (m:Matter {id: row.id})
SET m.search_words = row.words, m.search_title = row.title
RETURN m.id AS id
