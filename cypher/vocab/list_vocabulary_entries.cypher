// The mappings the office added to the open vocabularies (检查方式, 事项类别 …), oldest first.
// mode: read
// params:
// returns: vocabulary, written, canonical, note, updated_by, updated_at
MATCH (e:VocabularyEntry)
RETURN e.vocabulary AS vocabulary, e.written AS written, e.canonical AS canonical, e.note AS note,
       e.updated_by AS updated_by, e.updated_at AS updated_at
ORDER BY e.created_at, e.id
