// The signed-in user and their session token, kept for the browser tab only (sessionStorage).
import { reactive } from 'vue'

export type Role = 'office' | 'department' | 'analyst' | 'admin'

export interface User {
  id: string
  name: string
  role: Role
  token_id: string
  department_id: string | null
  department_name: string | null
}

const KEY = 'graphsvc.session'

interface Stored {
  token: string
  expires_at: string
  user: User
}

function load(): Stored | null {
  try {
    const raw = sessionStorage.getItem(KEY)
    if (!raw) return null
    const s = JSON.parse(raw) as Stored
    return new Date(s.expires_at).getTime() > Date.now() ? s : null
  } catch {
    return null
  }
}

export const session = reactive<{ current: Stored | null }>({ current: load() })

export function signedIn(s: Stored): void {
  session.current = s
  sessionStorage.setItem(KEY, JSON.stringify(s))
}

export function signedOut(): void {
  session.current = null
  sessionStorage.removeItem(KEY)
}

export function token(): string | null {
  const s = session.current
  if (!s) return null
  if (new Date(s.expires_at).getTime() <= Date.now()) {
    signedOut()
    return null
  }
  return s.token
}
