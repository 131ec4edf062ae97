// Types of the resolve answer and the helpers that turn its evidence into a readable chain.

export interface Ref { id: string; name: string }

export interface Basis {
  article_id: string
  article: string | null
  gist: string | null
  basis_id: string
  title: string
  version: string | null
  in_force: boolean
}

export interface Duty {
  department: Ref & { region: Ref | null }
  function: Ref | null
  rule: string
  evidence: {
    performs: { valid_from?: string | null; source?: string | null } | null
    assignment: { id?: string; source?: string | null; valid_from?: string | null } | null
    ruling: { id?: string; deciding_body?: string; decided_on?: string; statement?: string } | null
    licence: { id?: string; name?: string | null; licence_no?: string | null; issuer?: Ref | null } | null
    succession: Array<{ from?: string; to?: string; name?: string; valid_from?: string }>
    bases: Basis[]
    [key: string]: unknown
  }
}

export interface MatterResult {
  matter: Ref & { level: string | null; score: number | null; coverage: number | null }
  lead: Duty[]
  cooperating: Duty[]
  flags: Array<{ code: string; message: string }>
  suggestion: { note: string; lead: Duty[]; cooperating: Duty[] } | null
}

export interface Resolution {
  region: string
  as_of: string
  subject: (Ref & { region_id: string | null }) | null
  results: MatterResult[]
}

export interface ResolveRequest {
  text?: string
  matter_id?: string
  uscc?: string
  region?: string | null
  as_of?: string | null
}

/** Department names, each once, in order. */
export function holderNames(duties: Duty[]): string[] {
  return [...new Set(duties.map((d) => d.department.name))]
}

/** The articles cited by any duty of a result, each once. */
export function citedArticles(result: MatterResult): Basis[] {
  const seen = new Map<string, Basis>()
  for (const duty of [...result.lead, ...result.cooperating]) {
    for (const b of duty.evidence.bases ?? []) if (!seen.has(b.article_id)) seen.set(b.article_id, b)
  }
  return [...seen.values()]
}

/** Every department named as lead or cooperating, for prefilling a dispute. */
export function claimantIds(result: MatterResult): string[] {
  return [...new Set([...result.lead, ...result.cooperating].map((d) => d.department.id))]
}
