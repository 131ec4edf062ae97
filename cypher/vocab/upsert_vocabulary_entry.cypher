// Adds or changes one mapping of an open vocabulary: a word as people write it → the value it means.
// mode: write
// params: id, vocabulary, written, canonical, note, actor
// returns: id, vocabulary, written, canonical, note, updated_by, updated_at
MERGE (e:VocabularyEntry {id: $id})
  ON CREATE SET e.created_at = datetime(), e.created_by = $actor
SET e.vocabulary = $vocabulary, e.written = $written, e.canonical = $canonical, e.note = $note,
    e.updated_at = datetime(), e.updated_by = $actor
RETURN e.id AS id, e.vocabulary AS vocabulary, e.written AS written, e.canonical AS canonical, e.note AS note,
       e.updated_by AS updated_by, e.updated_at AS updated_at
