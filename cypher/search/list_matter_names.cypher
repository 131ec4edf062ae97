// The names of every matter: their words are taught to the segmenter before any matter is indexed, so that a
// refresh of some matters cuts descriptions as a refresh of all of them would.
// mode: read
// params:
// returns: names
MATCH (m:Matter)
RETURN collect(m.name) AS names
