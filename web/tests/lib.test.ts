import { describe, expect, it } from 'vitest'
import { chainElements, INTAKE, type Chain } from '../src/lib/chain'
import { auditRows, countBy, type AuditReport } from '../src/lib/audit'
import { verdict, type SubjectCheck } from '../src/lib/verdict'
import { errorMessage, withQuery } from '../src/lib/api'
import { fmtHours, looksLikeUscc } from '../src/lib/words'
import { can } from '../src/lib/roles'

const dept = (id: string, name: string) => ({ id, name })

describe('chainElements', () => {
  const chain: Chain = {
    clue: { id: 'c1', title: '后厨卫生', channel: '12345热线', received_at: null, status: '办理中' },
    hops: [
      { id: 'h1', kind: '转办', depth: 0, parent_id: null, from: dept('a', '市场监管局'), to: dept('b', '城管局'), sent_at: '', reason: null, acknowledged_at: null, outcome: null, held_hours: 10, acknowledge_hours: 1, current: false, stalled: false },
      { id: 'h2', kind: '退回', depth: 1, parent_id: 'h1', from: dept('b', '城管局'), to: dept('a', '市场监管局'), sent_at: '', reason: null, acknowledged_at: null, outcome: null, held_hours: 5, acknowledge_hours: 1, current: false, stalled: false },
      { id: 'h3', kind: '转办', depth: 2, parent_id: 'h2', from: dept('a', '市场监管局'), to: dept('b', '城管局'), sent_at: '', reason: null, acknowledged_at: null, outcome: null, held_hours: 100, acknowledge_hours: 100, current: true, stalled: true },
    ],
    held: [{ department: dept('a', '市场监管局'), hours: 15 }, { department: dept('b', '城管局'), hours: 110 }],
    current_holders: [{ department: dept('b', '城管局'), hours: 100, stalled: true }],
    flags: [{ code: 'PING_PONG', message: '', hop_ids: ['h1', 'h2'], department_ids: ['a', 'b'] }],
  }

  it('draws each department once and each hop as a numbered edge', () => {
    const els = chainElements(chain)
    expect(els.filter((e) => e.group === 'nodes').map((e) => e.data.id)).toEqual(['a', 'b'])
    expect(els.filter((e) => e.group === 'edges').map((e) => e.data.label)).toEqual(['1. 转办', '2. 退回', '3. 转办'])
  })

  it('marks the ping-pong hops, the stalled hop and the current holder', () => {
    const els = Object.fromEntries(chainElements(chain).map((e) => [e.data.id, e.classes]))
    expect(els.h1).toContain('loop')
    expect(els.h2).toContain('loop')
    expect(els.h3).toContain('stalled')
    expect(els.b).toContain('current')
    expect(els.b).toContain('stalled')
  })

  it('labels departments with the time they held the clue, and a hop without sender starts at intake', () => {
    const first = { ...chain, hops: [{ ...chain.hops[0], from: null }] }
    const els = chainElements(first)
    expect(els[0].data).toEqual({ id: INTAKE, label: '线索受理' })
    expect(els[1].data.label).toBe('城管局\n持有 4.6 天')
  })
})

describe('worklist', () => {
  const report: AuditReport = {
    region: '610113', as_of: '2026-01-01', matters_checked: 3,
    issues: [
      { kind: 'GAP', matter_id: 'm1', matter: '甲', domain: '燃气', level: '县', detail: '无', lead: [] },
      { kind: 'CONFLICT', matter_id: 'm2', matter: '乙', domain: '食品', level: '县', detail: '两个牵头', lead: ['市场监管局', '城管局'] },
    ],
    functions_without_performer: [{ id: 'f1', name: '燃气管理部门', matters: ['甲'] }],
    departments_without_inspectors: [{ id: 'd1', name: '教育局', duties: 4 }],
  }
  it('turns every kind of item into a row in Chinese', () => {
    const rows = auditRows(report)
    expect(rows.map((r) => r.kind)).toEqual(['职责空白', '职责交叉', '职能无部门履行', '部门无执法人员'])
    expect(rows[1].lead).toBe('市场监管局、城管局')
    expect(rows[3].detail).toBe('承担 4 项职责')
  })
  it('counts most first, then by name', () => {
    expect(countBy(['b', 'a', 'b'], (x) => x)).toEqual([{ key: 'b', count: 2 }, { key: 'a', count: 1 }])
  })
})

describe('precheck verdict', () => {
  const base: SubjectCheck = {
    subject: { id: 'u', name: '老王家常菜馆' }, duplicates: [], overlaps: [], joinable: [], responsibility: [], warnings: [],
    frequency: { note: '', min_interval_days: 90 },
  }
  it('says 可以排期 when nothing stands in the way', () => {
    expect(verdict(base)).toEqual({ kind: 'ok', text: '可以排期' })
  })
  it('names the joint inspection to join', () => {
    const v = verdict({ ...base, joinable: [{ id: 'JI-1', lead: { id: 'x', name: '城管局' }, visit_on: '2026-03-02', window: { start: '', end: '' } }] })
    expect(v.text).toBe('建议并入联合检查 JI-1(牵头:城管局,入户日 2026-03-02)')
  })
  it('puts a duplicate before anything else', () => {
    const dup = { task_id: 't', department: { id: 'y', name: '应急局' }, window: { start: '', end: '' }, gap_days: 3 }
    expect(verdict({ ...base, duplicates: [dup], joinable: [] }).text).toBe('与 应急局 的检查重复(间隔不足 90 天),建议不再排期')
  })
})

describe('api helpers', () => {
  it('drops empty values and repeats lists in the query', () => {
    expect(withQuery('/x', { a: '', b: null, c: 1, ids: ['p', 'q'] })).toBe('/x?c=1&ids=p&ids=q')
  })
  it('reads our error shape and FastAPI validation errors', () => {
    expect(errorMessage(404, { error: { code: 'not_found', message: '未知部门' } }).message).toBe('未知部门')
    const v = errorMessage(422, { detail: [{ loc: ['body', 'region'], msg: 'String should match pattern' }] })
    expect(v.message).toBe('输入有误:region:String should match pattern')
    expect(errorMessage(502, null).message).toBe('服务暂时不可用,请稍后再试。')
  })
})

describe('words and roles', () => {
  it('formats hours as the clerk says them', () => {
    expect(fmtHours(5)).toBe('5 小时')
    expect(fmtHours(72)).toBe('3 天')
  })
  it('recognises a credit code by its shape', () => {
    expect(looksLikeUscc('92610113MA6TKQ2N5A')).toBe(true)
    expect(looksLikeUscc('餐馆使用瓶装液化气')).toBe(false)
  })
  it('offers rulings and imports to the office only', () => {
    expect(can('office', 'rule')).toBe(true)
    expect(can('department', 'rule')).toBe(false)
    expect(can('department', 'import')).toBe(false)
    expect(can(undefined, 'precheck')).toBe(false)
  })
})
