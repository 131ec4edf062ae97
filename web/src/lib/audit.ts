// The audit report turned into the rows and counts of the worklist page.

export interface AuditReport {
  region: string
  as_of: string
  matters_checked: number
  issues: Array<{ kind: string; matter_id: string; matter: string; domain: string | null; level: string | null; detail: string; lead: string[] }>
  functions_without_performer: Array<{ id: string; name: string; matters: string[] }>
  departments_without_inspectors: Array<{ id: string; name: string; duties: number }>
}

export interface AuditRow {
  kind: string
  id: string
  name: string
  domain: string
  level: string
  lead: string
  detail: string
}

export const AUDIT_KINDS: Record<string, string> = {
  GAP: '职责空白',
  CONFLICT: '职责交叉',
  STALE_BASIS: '依据失效',
  FUNCTION_WITHOUT_PERFORMER: '职能无部门履行',
  DEPARTMENT_WITHOUT_INSPECTORS: '部门无执法人员',
}

export function auditRows(report: AuditReport): AuditRow[] {
  return [
    ...report.issues.map((i) => ({
      kind: AUDIT_KINDS[i.kind] ?? i.kind,
      id: i.matter_id,
      name: i.matter,
      domain: i.domain ?? '',
      level: i.level ?? '',
      lead: i.lead.join('、'),
      detail: i.detail,
    })),
    ...report.functions_without_performer.map((f) => ({
      kind: AUDIT_KINDS.FUNCTION_WITHOUT_PERFORMER,
      id: f.id,
      name: f.name,
      domain: '',
      level: '',
      lead: '',
      detail: '涉及事项:' + f.matters.join('、'),
    })),
    ...report.departments_without_inspectors.map((d) => ({
      kind: AUDIT_KINDS.DEPARTMENT_WITHOUT_INSPECTORS,
      id: d.id,
      name: d.name,
      domain: '',
      level: '',
      lead: '',
      detail: `承担 ${d.duties} 项职责`,
    })),
  ]
}

/** How many rows carry each value of a key, most first, then by name. */
export function countBy<T>(rows: T[], key: (row: T) => string): Array<{ key: string; count: number }> {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1)
  return [...counts.entries()]
    .map(([k, count]) => ({ key: k, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'zh-CN'))
}
