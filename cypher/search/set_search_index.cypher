// Records a refresh of the behaviour search: a new stamp (query processes reload when it changes), the
// vocabulary taught to the segmenter, how many matters are indexed, who and when.
// mode: write
// params: stamp, vocabulary, documents, actor
// returns: id, stamp
MERGE (s:SearchIndex {id: 'matter'})
  ON CREATE SET s.created_at = datetime(), s.created_by = $actor
SET s.stamp = $stamp, s.vocabulary = $vocabulary, s.documents = $documents,
    s.updated_at = datetime(), s.updated_by = $actor
RETURN s.id AS id, s.stamp AS stamp
