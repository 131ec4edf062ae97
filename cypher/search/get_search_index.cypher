// The stamp of the behaviour search (no row before the first refresh): cheap, read on every search.
// mode: read
// params:
// returns: stamp
MATCH (s:SearchIndex {id: 'matter'})
RETURN s.stamp AS stamp
