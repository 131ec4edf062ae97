// Calls to the graphsvc API on the same server: the session token, the one error shape, downloads.
import { signedOut, token } from './session'

export class ApiError extends Error {
  status: number
  code: string
  details: Array<Record<string, unknown>>
  constructor(status: number, code: string, message: string, details: Array<Record<string, unknown>> = []) {
    super(message)
    this.status = status
    this.code = code
    this.details = details
  }
}

type Query = Record<string, string | number | boolean | null | undefined | string[]>

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v))
    else params.append(key, String(value))
  }
  const s = params.toString()
  return s ? `${path}?${s}` : path
}

/** The error body `{error: {code, message, details}}` (or FastAPI's own 422) as one readable Chinese message. */
export function errorMessage(status: number, body: unknown): ApiError {
  const b = body as { error?: { code: string; message: string; details?: Array<Record<string, unknown>> }; detail?: unknown }
  if (b && b.error) return new ApiError(status, b.error.code, b.error.message, b.error.details ?? [])
  if (b && Array.isArray(b.detail)) {
    const parts = (b.detail as Array<{ loc?: unknown[]; msg?: string }>).map(
      (d) => `${(d.loc ?? []).slice(1).join('.')}:${d.msg ?? ''}`,
    )
    return new ApiError(status, 'invalid_input', `输入有误:${parts.join(';')}`)
  }
  return new ApiError(status, 'http_' + status, status >= 500 ? '服务暂时不可用,请稍后再试。' : `请求失败(${status})`)
}

async function send(method: string, path: string, body?: unknown, query?: Query): Promise<Response> {
  const headers: Record<string, string> = {}
  const t = token()
  if (t) headers.Authorization = `Bearer ${t}`
  let payload: BodyInit | undefined
  if (body instanceof FormData) payload = body
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const res = await fetch(withQuery('/api/v1' + path, query), { method, headers, body: payload })
  if (!res.ok) {
    let parsed: unknown = null
    try {
      parsed = await res.json()
    } catch {
      /* not JSON */
    }
    if (res.status === 401) signedOut()
    throw errorMessage(res.status, parsed)
  }
  return res
}

export async function get<T>(path: string, query?: Query): Promise<T> {
  return (await send('GET', path, undefined, query)).json() as Promise<T>
}

export async function post<T>(path: string, body?: unknown, query?: Query): Promise<T> {
  const res = await send('POST', path, body, query)
  return (res.status === 204 ? null : res.json()) as Promise<T>
}

export async function del(path: string): Promise<void> {
  await send('DELETE', path)
}

/** Fetches a file (with the token) and hands it to the browser as a download named as the server says. */
export async function download(method: 'GET' | 'POST', path: string, fallbackName: string, body?: unknown, query?: Query): Promise<void> {
  const res = await send(method, path, body, query)
  const blob = await res.blob()
  const disposition = res.headers.get('Content-Disposition') ?? ''
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  const name = star ? decodeURIComponent(star[1]) : fallbackName
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
