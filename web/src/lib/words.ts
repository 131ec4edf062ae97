// The service's codes in the words a clerk uses.

export const RULE_WORDS: Record<string, string> = {
  ruling: '编办裁定:本地区已有编办(会同司法局)对该事项作出的职责裁定,按裁定执行',
  licence: '谁审批、谁监管:由核发该许可(备案)的部门负责监管',
  assignment: '明确分工:事项清单或三定规定把该事项明确分配给该部门',
  locality_level: '属地与层级:由本地区在该层级履行所指定职能的部门承担',
  legal_text: '法律条文:按法律条文所指定的职能,由本地区履行该职能的部门承担',
  devolution: '交由街道乡镇行使:省级决定依行政处罚法第二十四条把县级部门的行政处罚权交由该街道办事处/乡镇人民政府行使',
}

export const RULE_SHORT: Record<string, string> = {
  ruling: '编办裁定',
  licence: '谁审批谁监管',
  assignment: '明确分工',
  locality_level: '属地层级',
  legal_text: '法律条文',
  devolution: '街道乡镇承接',
}

export const FLAG_WORDS: Record<string, { title: string; explain: string; type: 'danger' | 'warning' | 'info' }> = {
  GAP: { title: '职责空白', explain: '在查询日没有任何部门承担该职责,需要编办明确。', type: 'danger' },
  CONFLICT: { title: '职责交叉', explain: '两个以上部门同时被认定为牵头,可能需要协调或裁定。', type: 'danger' },
  STALE_BASIS: { title: '依据已失效', explain: '所引用的法律条款在查询日已修改或废止,需核对新版本。', type: 'warning' },
  WEAK_MATCH: { title: '匹配度低', explain: '描述与该事项用词重合较少,请核对是否为同一事项。', type: 'warning' },
  SUGGESTION: { title: '参考建议', explain: '没有明确依据时给出的参考,不作为认定结论。', type: 'info' },
  OVERLAP: { title: '法定交叉', explain: '法律把该行为交给多个部门或“有关部门”,按所列规则确定牵头,必要时提请编办协调。', type: 'warning' },
  NO_MATCH: { title: '未找到对应事项', explain: '按首接负责处理,必要时提请编办协调(编制条例第十条)。', type: 'warning' },
  NOT_APPLICABLE: { title: '本地不适用', explain: '该事项所依据的地方性法规在本地区不适用。', type: 'info' },
  DEVOLVED: { title: '已交由街道乡镇', explain: '省级决定把该事项的行政处罚权交由本街道/乡镇行使,原县级部门负责组织协调、业务指导、执法监督。', type: 'info' },
  DEVOLUTION_POSSIBLE: { title: '部分街道乡镇已承接', explain: '该事项的行政处罚权在所列街道/乡镇已交由其行使,请确认监管对象所在地。', type: 'warning' },
}

export const CLUE_FLAG_WORDS: Record<string, string> = {
  LOOP: '回流:线索回到已经办理过的部门',
  PING_PONG: '踢皮球:A 转给 B 又转回 A',
  CROSS_REGION: '跨区域移送',
  CROSS_PROVINCE: '跨省移送',
  STALLED: '滞留:超时未签收或签收后未处理',
  UNRESOLVED: '未办结',
}

export function fmtDate(value: string | null | undefined): string {
  if (!value) return ''
  return value.slice(0, 10)
}

export function fmtDateTime(value: string | null | undefined): string {
  if (!value) return ''
  return value.replace('T', ' ').slice(0, 16)
}

/** Hours held as the clerk says it: 3 小时, 2.5 天. */
export function fmtHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || Number.isNaN(hours)) return ''
  if (hours < 48) return `${Math.round(hours * 10) / 10} 小时`
  return `${Math.round((hours / 24) * 10) / 10} 天`
}

export function today(): string {
  const d = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** 18 characters of digits and capitals: the text looks like a 统一社会信用代码 (the server checks the check digit). */
export function looksLikeUscc(text: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(text.trim().toUpperCase())
}
