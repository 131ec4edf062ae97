// The pre-scheduling check of one subject in one plain sentence.

export interface SubjectCheck {
  subject: { id: string; name: string | null }
  duplicates: Array<{ task_id: string; department: { id: string; name: string | null }; window: { start: string; end: string }; gap_days: number }>
  overlaps: Array<{ task_id: string; department: { id: string; name: string | null }; common_window: { start: string; end: string } }>
  joinable: Array<{ id: string; lead: { id: string; name: string | null } | null; visit_on: string | null; window: { start: string; end: string } }>
  responsibility: Array<{ matter: { id: string; name: string | null }; responsible: boolean | null; warning: string | null }>
  warnings: string[]
  frequency: { note: string; min_interval_days: number; credit_grade?: string; risk_class?: string; frequency_per_year?: number }
}

export interface Verdict { kind: 'ok' | 'join' | 'duplicate' | 'not_responsible'; text: string }

export function verdict(check: SubjectCheck): Verdict {
  if (check.duplicates.length) {
    const who = [...new Set(check.duplicates.map((d) => d.department.name ?? d.department.id))].join('、')
    return { kind: 'duplicate', text: `与 ${who} 的检查重复(间隔不足 ${check.frequency.min_interval_days} 天),建议不再排期` }
  }
  if (check.responsibility.some((r) => r.responsible === false)) {
    return { kind: 'not_responsible', text: '本部门对所选事项不承担职责,请核对后再排期' }
  }
  if (check.joinable.length) {
    const j = check.joinable[0]
    return { kind: 'join', text: `建议并入联合检查 ${j.id}(牵头:${j.lead?.name ?? '未定'}${j.visit_on ? ',入户日 ' + j.visit_on : ''})` }
  }
  if (check.overlaps.length) {
    const who = [...new Set(check.overlaps.map((o) => o.department.name ?? o.department.id))].join('、')
    return { kind: 'join', text: `${who} 同期也要检查该对象,建议联合检查` }
  }
  return { kind: 'ok', text: '可以排期' }
}
