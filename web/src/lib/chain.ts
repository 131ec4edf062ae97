// A clue's chain as graph elements for Cytoscape: departments as nodes, hops as edges; loops and stalls marked.
import { fmtHours } from './words'

export interface DeptRef { id: string; name: string; region?: { id: string; name: string } | null; region_id?: string; region_name?: string }

export interface Hop {
  id: string
  kind: string
  depth: number
  parent_id: string | null
  from: DeptRef | null
  to: DeptRef | null
  sent_at: string
  reason: string | null
  acknowledged_at: string | null
  outcome: string | null
  held_hours: number | null
  acknowledge_hours: number | null
  current: boolean
  stalled: boolean
}

export interface Chain {
  clue: { id: string; title: string | null; channel: string | null; received_at: string | null; status: string | null; [k: string]: unknown }
  hops: Hop[]
  held: Array<{ department: DeptRef | null; hours: number }>
  current_holders: Array<{ department: DeptRef | null; hours: number; stalled: boolean }>
  flags: Array<{ code: string; message: string; hop_ids: string[]; department_ids: string[] }>
}

export interface Element {
  group: 'nodes' | 'edges'
  data: Record<string, string | number>
  classes: string
}

export const INTAKE = '__intake__'

export function chainElements(chain: Chain): Element[] {
  const looped = new Set(chain.flags.filter((f) => f.code === 'LOOP' || f.code === 'PING_PONG').flatMap((f) => f.hop_ids))
  const loopDepts = new Set(chain.flags.filter((f) => f.code === 'LOOP' || f.code === 'PING_PONG').flatMap((f) => f.department_ids))
  const held = new Map(chain.held.filter((h) => h.department).map((h) => [h.department!.id, h.hours]))
  const current = new Set(chain.current_holders.filter((h) => h.department).map((h) => h.department!.id))
  const stalledDepts = new Set(chain.current_holders.filter((h) => h.stalled && h.department).map((h) => h.department!.id))
  const nodes = new Map<string, Element>()
  const node = (d: DeptRef | null) => {
    const id = d ? d.id : INTAKE
    if (!nodes.has(id)) {
      const hours = d ? held.get(d.id) : undefined
      const classes = [
        d ? 'department' : 'intake',
        current.has(id) ? 'current' : '',
        loopDepts.has(id) ? 'loop' : '',
        stalledDepts.has(id) ? 'stalled' : '',
      ].filter(Boolean)
      nodes.set(id, {
        group: 'nodes',
        data: { id, label: d ? d.name + (hours !== undefined ? `\n持有 ${fmtHours(hours)}` : '') : '线索受理' },
        classes: classes.join(' '),
      })
    }
    return id
  }
  const edges: Element[] = chain.hops.map((hop, i) => ({
    group: 'edges',
    data: { id: hop.id, source: node(hop.from), target: node(hop.to), label: `${i + 1}. ${hop.kind}` },
    classes: [looped.has(hop.id) ? 'loop' : '', hop.stalled ? 'stalled' : '', hop.current ? 'current' : ''].filter(Boolean).join(' '),
  }))
  return [...nodes.values(), ...edges]
}
