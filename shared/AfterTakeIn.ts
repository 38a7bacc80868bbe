/**
 * After take-in (接得住、接得稳、接得好; plan 四（七）): the receiving community keeps serving the
 * people it took in. It records its visits, health checks and help; 人社局 says who must pass the
 * yearly pension qualification check (养老金领取资格认证), and the community reminds them once a
 * China year; a death or a move to another city closes the case (terminal, record kept); a move
 * within the city transfers the case, with its history, to the new community.
 */
import * as z from 'zod/mini'
import { AppError } from './AppError'
import type { RetireeCase } from './Case'
import type { CaseAction, CareKind, CloseReason } from './CaseAction'
import { CLOSED_MESSAGE, closureOf, recordNote } from './CaseState'
import { chinaDateOf, formatChinaDate } from './ChinaTime'
import { redactPersonalData } from './Mask'
import type { Community } from './Organisation'
import type { Policy } from './Policy'
import type { User } from './User'

export const CARE_KIND_NAMES: Record<CareKind, string> = {
  visit: '走访慰问',
  healthCheck: '健康检查',
  help: '困难帮扶',
}
export const CLOSE_REASON_NAMES: Record<CloseReason, string> = {
  death: '去世',
  movedAway: '迁往外地',
}

const by = (user: User): CaseAction['by'] => ({ userId: user.id, role: user.role })
const isCommunityStaff = (user: User) => user.role === 'gridWorker' || user.role === 'communityAdmin'

/** The case must be taken in (every stage done) and still open. */
function requireTakenIn(c: RetireeCase, what: string): void {
  if (closureOf(c)) throw new AppError('CONFLICT', CLOSED_MESSAGE, { caseId: c.id })
  if (!c.summary.inScope || !c.summary.done) throw new AppError('CONFLICT', `这位老人还没有纳入社区管理，纳入后才能${what}。`, { caseId: c.id })
}

/** Only the staff of the community that now receives the person. */
function requireReceivingStaff(c: RetireeCase, user: User, what: string): void {
  if (!isCommunityStaff(user) || user.orgId !== c.summary.receivingCommunityId) {
    throw new AppError('FORBIDDEN', `只有接收这位老人的社区可以${what}。`, { caseId: c.id })
  }
}

/** A visit, health check or help, in plain words; ID and phone numbers are taken out of the text. */
export function recordCare(policy: Policy, c: RetireeCase, input: { kind: CareKind; text: string }, user: User, at: Date, id: string): RetireeCase {
  requireReceivingStaff(c, user, '登记走访和帮扶')
  requireTakenIn(c, '登记走访和帮扶')
  const text = redactPersonalData(input.text.trim())
  return recordNote(policy, c, { type: 'careRecorded', kind: input.kind, text, communityId: user.orgId }, by(user), at, id)
}

/** What the community did for a person after taking them in, newest first. */
export function careHistory(c: Pick<RetireeCase, 'actions'>): Array<{ at: string; kind: CareKind; text: string }> {
  return c.actions.flatMap((a) => (a.type === 'careRecorded' ? [{ at: a.at, kind: a.kind, text: a.text }] : [])).reverse()
}

/**
 * A death or a move to another city: terminal. The case keeps its record and history; nothing
 * more is recorded on it, and it drops out of reminders and queues (summary.closed).
 */
export function closeCase(policy: Policy, c: RetireeCase, input: { reason: CloseReason; on: string; note?: string }, user: User, at: Date, id: string): RetireeCase {
  requireReceivingStaff(c, user, '登记去世或迁往外地')
  requireTakenIn(c, '登记去世或迁往外地')
  if (input.on > chinaDateOf(at)) throw new AppError('BAD_REQUEST', '日期不能晚于今天。', { caseId: c.id })
  const note = input.note ? redactPersonalData(input.note.trim()) : ''
  return recordNote(policy, c, { type: 'caseClosed', reason: input.reason, on: input.on, ...(note ? { note } : {}) }, by(user), at, id)
}

/**
 * A move within the city: the receiving community changes to the new one (summarizeCase reads the
 * last transfer) and the history goes with the case. By the community the person leaves, or the office.
 * The person now lives where they are managed, so a residence elsewhere no longer applies.
 */
export function transferCase(policy: Policy, c: RetireeCase, input: { toCommunityId: string; note?: string }, user: User, at: Date, id: string): RetireeCase {
  if (user.role !== 'supervisor') requireReceivingStaff(c, user, '办理转到新社区')
  requireTakenIn(c, '转到新社区')
  const from = c.summary.receivingCommunityId
  if (input.toCommunityId === from) throw new AppError('BAD_REQUEST', '新社区和现在的社区是同一个，请重新选择。', { caseId: c.id })
  const note = input.note ? redactPersonalData(input.note.trim()) : ''
  const next = recordNote(policy, { ...c, residenceCommunityId: null }, { type: 'caseTransferred', fromCommunityId: from, toCommunityId: input.toCommunityId, ...(note ? { note } : {}) }, by(user), at, id)
  return next
}

/** Whether the person must pass the yearly check, and when they last did (the latest word of 人社局). */
export function qualificationOf(c: Pick<RetireeCase, 'actions'>): { needed: boolean; lastDoneOn: string | null } | null {
  for (let i = c.actions.length - 1; i >= 0; i--) {
    const a = c.actions[i]
    if (a.type === 'qualificationSet') return { needed: a.needed, lastDoneOn: a.lastDoneOn }
  }
  return null
}

/** 人社局 (socialSecurityOfficer of 'hrss') sets the field; a closed case takes no more. */
export function setQualification(policy: Policy, c: RetireeCase, input: { needed: boolean; lastDoneOn: string | null }, user: User, at: Date, id: string): RetireeCase {
  if (user.role !== 'socialSecurityOfficer' || user.orgId !== 'hrss') throw new AppError('FORBIDDEN', '是否需要资格认证由人社局登记。', { caseId: c.id })
  if (closureOf(c)) throw new AppError('CONFLICT', CLOSED_MESSAGE, { caseId: c.id })
  if (input.lastDoneOn !== null && input.lastDoneOn > chinaDateOf(at)) throw new AppError('BAD_REQUEST', '上次认证的日期不能晚于今天。', { caseId: c.id })
  return recordNote(policy, c, { type: 'qualificationSet', needed: input.needed, lastDoneOn: input.lastDoneOn }, by(user), at, id)
}

/** The China calendar year of an instant ('2021-12-31T16:30Z' is already 2022 in China). */
export function chinaYearOf(instant: Date | string): string {
  return chinaDateOf(instant).slice(0, 4)
}

/**
 * The China year from which the person is next to be reminded, or '-' when never: not needed,
 * or closed. Done this year already: next year. This is what the reminder pass looks up by.
 */
export function qualificationDueYear(c: Pick<RetireeCase, 'actions'>, now: Date): string {
  const q = qualificationOf(c)
  if (!q || !q.needed || closureOf(c)) return NOT_DUE
  const year = chinaYearOf(now)
  return q.lastDoneOn !== null && q.lastDoneOn.slice(0, 4) >= year ? String(Number(q.lastDoneOn.slice(0, 4)) + 1) : year
}
export const NOT_DUE = '-'

/**
 * Whether the pass reminds this person now: needed, taken in, not closed, not done this China year
 * and not yet reminded this China year.
 */
export function qualificationReminderDue(c: RetireeCase, check: Pick<QualificationCheck, 'remindedYear'>, now: Date): boolean {
  const year = chinaYearOf(now)
  return c.summary.done && !c.summary.closed && qualificationDueYear(c, now) === year && check.remindedYear !== year
}

/** Where and how, in plain words, from the community's own record. */
export function qualificationReminderText(community: Pick<Community, 'name' | 'address' | 'serviceHours' | 'phone'>, year: string): { title: string; body: string } {
  const where = [community.address && `地址：${community.address}`, community.serviceHours && `时间：${community.serviceHours}`, community.phone && `电话：${community.phone}`].filter(Boolean).join('；')
  return {
    title: `${year}年的养老金资格认证，请记得去做`,
    body: `每年要做一次养老金领取资格认证，做了养老金才能照常发放。请带上身份证，到${community.name}办理${where ? `（${where}）` : ''}。行动不便的，打电话请社区工作人员上门帮您认证。`,
  }
}

/**
 * One per case: what the yearly reminder pass looks up (index dueYear) and what it did
 * (remindedYear), rewritten with 人社局's field and after each reminder. Never the truth: the case's
 * qualificationSet actions are.
 */
export const QualificationCheck = z.object({
  id: z.string().check(z.describe('the case id')),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  dueYear: z.string().check(z.describe("China year of the next reminder, '-' when none (qualificationDueYear)")),
  remindedYear: z.nullable(z.string().check(z.describe('China year of the last reminder sent'))),
  updatedAt: z.iso.datetime(),
})
export type QualificationCheck = z.infer<typeof QualificationCheck>

/** The check document after 人社局 set the field (or after a reminder: dueYear moves to next year). */
export function qualificationCheckFor(c: RetireeCase, prev: QualificationCheck | null, now: Date): QualificationCheck {
  return { id: c.id, version: (prev?.version ?? 0) + 1, caseId: c.id, dueYear: qualificationDueYear(c, now), remindedYear: prev?.remindedYear ?? null, updatedAt: now.toISOString() }
}

/** Plain words for the staff inbox when a case closes or moves. */
export function closedStaffText(name: string, reason: CloseReason, on: string, communityName: string): { title: string; body: string } {
  return {
    title: `${name}已${CLOSE_REASON_NAMES[reason]}，移交案例已办结`,
    body: `${communityName}登记：${name}于${formatChinaDate(on)}${CLOSE_REASON_NAMES[reason]}。案例记录保留，不再提醒和办理。`,
  }
}

export function transferStaffText(name: string, fromName: string, toName: string): { title: string; body: string } {
  return { title: `${name}转到${toName}管理`, body: `${name}在市内搬家，由${fromName}转到${toName}管理，以前的办理记录一起转过去。` }
}
