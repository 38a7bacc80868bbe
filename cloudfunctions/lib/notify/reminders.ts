/**
 * The daily reminder pass. For every open item due in 14, 7 and 1 China calendar days it reminds
 * whoever must act (the responsible staff; the retiree too when they must bring or do something);
 * past a deadline it sends a daily digest to the supervisor and to each responsible unit.
 * It works in pages of at most 1000 and stores its cursor in the same commit as each page's
 * messages, so a run cut off by the timeout goes on next time without skipping or repeating anyone.
 */
import { chinaDateOf, chinaDaysBetween, formatChinaDate } from '../../../shared/ChinaTime'
import type { PassCursor, StaffMessage } from '../../../shared/Delivery'
import type { InboxMessage } from '../../../shared/InboxMessage'
import type { Change, OpenItem } from '../../../shared/ports/Store'
import { MAX_PAGE } from '../../../shared/ports/Store'
import type { RetireeCase } from '../../../shared/Case'
import type { User } from '../../../shared/User'
import { RESPONSIBLE_PARTY_NAMES, type ResponsibleParty } from '../../../shared/Stage'
import { SUBSCRIBE_TEMPLATES } from '../../../shared/SubscribeTemplates'
import type { Deps } from '../router'
import { messageKey, newDelivery, onlyNew, staffFor } from './dispatcher'

export const REMINDER_DAYS = [14, 7, 1] as const

export interface ReminderReport {
  today: string
  itemsSeen: number
  messages: number
  digests: number
  done: boolean
}

function addChinaDays(date: string, days: number): string {
  const t = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10) + days)
  return new Date(t).toISOString().slice(0, 10)
}

async function remindersFor(deps: Deps, item: OpenItem, c: RetireeCase, now: Date, today: string): Promise<NonNullable<Change['docs']>> {
  const stage = deps.policy.stages.find((s) => s.id === item.stage)
  if (!stage) return []
  const days = chinaDaysBetween(today, item.deadline)
  const title = `「${stage.name}」还有 ${days} 天截止`
  const docs: NonNullable<Change['docs']> = []
  for (const u of await staffFor(deps, c, new Set([stage.responsible]))) {
    const message: StaffMessage = {
      id: messageKey({ caseId: c.id, stage: item.stage, kind: `reminder${days}`, deadline: item.deadline, recipient: u.id }),
      version: 1,
      recipientUserId: u.id,
      caseId: c.id,
      title: `${c.person.name}：${title}`,
      body: `截止日期 ${formatChinaDate(item.deadline)}，请${RESPONSIBLE_PARTY_NAMES[stage.responsible]}抓紧办理。`,
      createdAt: now.toISOString(),
      read: false,
    }
    docs.push({ kind: 'staffMessage', next: message, expectedVersion: null })
  }
  if (stage.retireeActs) {
    const inbox: InboxMessage = {
      id: messageKey({ caseId: c.id, stage: item.stage, kind: `reminder${days}`, deadline: item.deadline, recipient: 'case' }),
      version: 1,
      caseId: c.id,
      title: `提醒：${title}`,
      body: `${stage.retireeTodo}（截止 ${formatChinaDate(item.deadline)}）`,
      createdAt: now.toISOString(),
      readBy: [],
    }
    docs.push({ kind: 'inboxMessage', next: inbox, expectedVersion: null })
    for (const reader of await deps.store.listUsers({ caseId: c.id })) {
      const consentId = `${reader.id}~${SUBSCRIBE_TEMPLATES.deadlineReminder.id}`
      const consent = await deps.store.getDoc('subscribeConsent', consentId)
      if (!consent || (consent.kind === 'oneTime' && consent.accepted <= consent.used)) continue
      const key = messageKey({ caseId: c.id, stage: item.stage, kind: `reminder${days}`, deadline: item.deadline, recipient: reader.id })
      docs.push({ kind: 'delivery', next: newDelivery(now, key, c.id, reader.id, 'deadlineReminder', { item: stage.name, deadline: formatChinaDate(item.deadline), note: stage.retireeTodo }), expectedVersion: null })
    }
  }
  return docs
}

/** The overdue digests: one a day to each supervisor, and to each responsible unit for its own items. */
async function digests(deps: Deps, now: Date, today: string): Promise<NonNullable<Change['docs']>> {
  const counts = await deps.store.overdueCounts(today)
  if (counts.length === 0) return []
  const byRecipient = new Map<string, { user: User; lines: string[] }>()
  const add = (u: User, line: string) => {
    const entry = byRecipient.get(u.id) ?? { user: u, lines: [] }
    entry.lines.push(line)
    byRecipient.set(u.id, entry)
  }
  const stageName = (id: string) => deps.policy.stages.find((s) => s.id === id)
  const [supervisors, enterprises, communities] = await Promise.all([deps.store.listUsers({ role: 'supervisor' }), deps.store.listEnterprises(), deps.store.listCommunities()])
  const orgName = (kind: ResponsibleParty, id: string) => (kind === 'enterprise' ? enterprises.find((e) => e.id === id)?.name : communities.find((c) => c.id === id)?.name) ?? id
  for (const row of counts) {
    const stage = stageName(row.stage)
    if (!stage) continue
    const unitId = stage.responsible === 'enterprise' ? row.enterpriseId : row.receivingCommunityId
    const line = `${stage.name}：${row.count} 人逾期（${stage.responsible === 'enterprise' || stage.responsible === 'community' ? orgName(stage.responsible, unitId) : RESPONSIBLE_PARTY_NAMES[stage.responsible]}）`
    for (const s of supervisors) add(s, line)
    const admins = await staffFor(deps, { enterpriseId: row.enterpriseId, summary: { receivingCommunityId: row.receivingCommunityId } } as RetireeCase, new Set([stage.responsible]))
    for (const a of admins.filter((u) => u.role !== 'gridWorker')) add(a, line)
  }
  return [...byRecipient.values()].map(({ user, lines }) => ({
    kind: 'staffMessage' as const,
    next: {
      id: messageKey({ caseId: '-', stage: '-', kind: 'overdueDigest', deadline: today, recipient: user.id }),
      version: 1,
      recipientUserId: user.id,
      caseId: null,
      title: `逾期汇总（${formatChinaDate(today)}）`,
      body: lines.join('；'),
      createdAt: now.toISOString(),
      read: false,
    },
    expectedVersion: null,
  }))
}

/**
 * Runs (or resumes) today's pass. `maxPages` stands for the time a run has before the function
 * timeout: when it is used up the run stops, and the next run continues from the cursor.
 */
export async function reminderPass(deps: Deps, now: Date, options: { pageSize?: number; maxPages?: number } = {}): Promise<ReminderReport> {
  const today = chinaDateOf(now)
  const pageSize = Math.min(options.pageSize ?? MAX_PAGE, MAX_PAGE)
  const id = `reminders:${today}`
  let cursor: PassCursor = (await deps.store.getDoc('passCursor', id)) ?? { id, version: 0, dayIndex: 0, after: null, digestsDone: false, done: false, updatedAt: now.toISOString() }
  const report: ReminderReport = { today, itemsSeen: 0, messages: 0, digests: 0, done: cursor.done }
  let pages = 0
  const save = async (next: Omit<PassCursor, 'id' | 'version' | 'updatedAt'>, docs: NonNullable<Change['docs']>) => {
    const updated: PassCursor = { ...cursor, ...next, version: cursor.version + 1, updatedAt: now.toISOString() }
    // The page's messages and the cursor move together: a crash repeats the page, and the keys keep it from doubling.
    await deps.store.commit({ docs: [...docs, { kind: 'passCursor', next: updated, expectedVersion: cursor.version === 0 ? null : cursor.version }] })
    cursor = updated
  }
  while (!cursor.done && cursor.dayIndex < REMINDER_DAYS.length) {
    if (options.maxPages !== undefined && pages >= options.maxPages) return report
    const date = addChinaDays(today, REMINDER_DAYS[cursor.dayIndex])
    const page = await deps.store.listOpenItemsDue(date, { limit: pageSize, after: cursor.after ?? undefined })
    const docs: NonNullable<Change['docs']> = []
    for (const item of page.items) {
      const c = await deps.store.getCase(item.caseId)
      if (c) docs.push(...(await remindersFor(deps, item, c, now, today)))
    }
    const fresh = await onlyNew(deps, docs)
    report.itemsSeen += page.items.length
    report.messages += fresh.length
    pages++
    await save(page.nextCursor ? { dayIndex: cursor.dayIndex, after: page.nextCursor, digestsDone: false, done: false } : { dayIndex: cursor.dayIndex + 1, after: null, digestsDone: false, done: false }, fresh)
  }
  if (!cursor.digestsDone) {
    if (options.maxPages !== undefined && pages >= options.maxPages) return report
    const fresh = await onlyNew(deps, await digests(deps, now, today))
    report.digests = fresh.length
    await save({ dayIndex: cursor.dayIndex, after: null, digestsDone: true, done: true }, fresh)
  }
  report.done = true
  return report
}
