// The words the segmenter must know as wholes: names and aliases of functions, department names and short
// names, subject types, domains, and both sides of every thesaurus entry.
// mode: read
// params:
// returns: words
CALL () {
  MATCH (f:Function) UNWIND [f.name] + coalesce(f.aliases, []) AS w RETURN w
  UNION
  MATCH (dep:Department) UNWIND [dep.name, dep.short_name] AS w RETURN w
  UNION
  MATCH (t:SubjectType) RETURN t.name AS w
  UNION
  MATCH (dom:Domain) RETURN dom.name AS w
  UNION
  MATCH (s:Synonym) UNWIND [s.term, s.statutory_term] AS w RETURN w
}
WITH w WHERE w IS NOT NULL
RETURN collect(DISTINCT w) AS words
