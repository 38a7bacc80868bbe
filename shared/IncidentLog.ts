/**
 * The enterprise's incident log (维稳方案, plan 五（一）: 情况预判、维稳联系人、维稳预案): stability events,
 * visits by retirees, and group complaints, written by the enterprise's staff and read by the office.
 * An entry is kept as written; it is never edited.
 */
import * as z from 'zod/mini'
import { formatChinaDateTime, isChinaDate } from './ChinaTime'

export const INCIDENT_KINDS = ['stabilityEvent', 'visit', 'groupComplaint'] as const
export const IncidentKind = z.enum(INCIDENT_KINDS)
export type IncidentKind = z.infer<typeof IncidentKind>

export const INCIDENT_KIND_NAMES: Record<IncidentKind, string> = {
  stabilityEvent: '不稳定情况',
  visit: '来访',
  groupComplaint: '集体反映',
}

export const INCIDENT_SUMMARY_MAX = 500

export const IncidentEntry = z.object({
  id: z.string(),
  version: z.int().check(z.gte(1)),
  enterpriseId: z.string(),
  kind: IncidentKind,
  happenedOn: z.string().check(z.refine(isChinaDate, { error: '日期应写成 YYYY-MM-DD 的形式' })),
  people: z.int().check(z.gte(1), z.lte(100_000), z.describe('how many people were involved')),
  summary: z.string().check(z.maxLength(INCIDENT_SUMMARY_MAX), z.describe('what happened and what was done, without ID numbers or phones')),
  recordedBy: z.object({ userId: z.string(), role: z.string() }),
  recordedAt: z.iso.datetime(),
})
export type IncidentEntry = z.infer<typeof IncidentEntry>

/** A group complaint involves more than one person (集体反映); the other kinds may be one. */
export function incidentProblem(entry: Pick<IncidentEntry, 'kind' | 'people' | 'happenedOn'>, today: string): string | null {
  if (entry.happenedOn > today) return '发生日期不能晚于今天。'
  if (entry.kind === 'groupComplaint' && entry.people < 2) return '集体反映至少有两人，请核对人数。'
  return null
}

/** An entry as the enterprise and the office read it. */
export const IncidentItem = z.object({
  id: z.string(),
  kind: IncidentKind,
  kindName: z.string(),
  happenedOn: z.string(),
  people: z.int(),
  summary: z.string(),
  recordedAt: z.string(),
})
export type IncidentItem = z.infer<typeof IncidentItem>

export function incidentItem(e: IncidentEntry): IncidentItem {
  return { id: e.id, kind: e.kind, kindName: INCIDENT_KIND_NAMES[e.kind], happenedOn: e.happenedOn, people: e.people, summary: e.summary, recordedAt: formatChinaDateTime(e.recordedAt) }
}

export const IncidentListView = z.object({ enterpriseId: z.string(), items: z.array(IncidentItem), nextCursor: z.nullable(z.string()) })
export type IncidentListView = z.infer<typeof IncidentListView>
