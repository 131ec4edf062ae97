// What each role may do; the console offers only that (the server checks again).
import type { Role } from './session'

export type Action = 'rule' | 'import' | 'accept_plan' | 'file_dispute' | 'precheck' | 'draw'

const ALLOWED: Record<Action, Role[]> = {
  rule: ['office', 'admin'],
  import: ['office', 'admin'],
  accept_plan: ['office', 'admin'],
  file_dispute: ['office', 'department', 'admin'],
  precheck: ['office', 'department', 'admin', 'analyst'],
  draw: ['office', 'department', 'admin'],
}

export function can(role: Role | undefined, action: Action): boolean {
  return !!role && ALLOWED[action].includes(role)
}

export const ROLE_NAMES: Record<Role, string> = {
  office: '编办/司法局',
  department: '部门',
  analyst: '分析',
  admin: '管理员',
}
