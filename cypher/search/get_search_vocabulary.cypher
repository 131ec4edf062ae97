// The vocabulary taught to the segmenter at the last refresh, read when the stamp has moved.
// mode: read
// params:
// returns: stamp, vocabulary
MATCH (s:SearchIndex {id: 'matter'})
RETURN s.stamp AS stamp, coalesce(s.vocabulary, []) AS vocabulary
