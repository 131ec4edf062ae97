// Thesaurus entries, all of them or those whose term or statutory term contains the given text.
// mode: read
// params: contains
// returns: id, term, statutory_term, domain, note, created_at, created_by, updated_at, updated_by
MATCH (s:Synonym)
WHERE $contains IS NULL OR s.term CONTAINS $contains OR s.statutory_term CONTAINS $contains
RETURN s.id AS id, s.term AS term, s.statutory_term AS statutory_term, s.domain AS domain, s.note AS note,
       s.created_at AS created_at, s.created_by AS created_by, s.updated_at AS updated_at, s.updated_by AS updated_by
ORDER BY term, statutory_term
