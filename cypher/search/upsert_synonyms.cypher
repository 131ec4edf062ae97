// Writes thesaurus entries, merged on term|statutory_term (loading the same file twice changes nothing but
// updated_at/by), and moves the search stamp so every query process reloads the thesaurus.
// mode: write
// params: rows, actor
// returns: id
UNWIND $rows AS row
MERGE (s:Synonym {id: row.term + '|' + row.statutory_term})
  ON CREATE SET s.created_at = datetime(), s.created_by = $actor
SET s.term = row.term, s.statutory_term = row.statutory_term, s.domain = row.domain, s.note = row.note,
    s.updated_at = datetime(), s.updated_by = $actor
WITH collect(s.id) AS ids
MERGE (i:SearchIndex {id: 'matter'})
  ON CREATE SET i.created_at = datetime(), i.created_by = $actor
SET i.stamp = randomUUID(), i.updated_at = datetime(), i.updated_by = $actor
WITH ids UNWIND ids AS id
RETURN id
