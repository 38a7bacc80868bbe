/**
 * The daily reminder pass. For every open item due in 14, 7 and 1 China calendar days it reminds
 * whoever must act: the responsible unit's staff with one message per unit, stage, deadline and day
 * giving the count, and the retiree in person when they must bring or do something;
 * past a deadline it sends a daily digest to the supervisor and to each responsible unit.
 * It works in pages of at most 1000 and stores its cursor in the same commit as each page's
 * messages, so a run cut off by the timeout goes on next time without skipping or repeating anyone.
 */
import { chinaDateOf, chinaDaysBetween, formatChinaDate } from '../../../shared/ChinaTime'
import { ROSTER_PHONE_RECIPIENT, type PassCursor, type StaffMessage } from '../../../shared/Delivery'
import type { InboxMessage } from '../../../shared/InboxMessage'
import type { Change, OpenItem } from '../../../shared/ports/Store'
import { MAX_PAGE } from '../../../shared/ports/Store'
import type { RetireeCase } from '../../../shared/Case'
import type { User } from '../../../shared/User'
import type { StagePolicy } from '../../../shared/Policy'
import { stageParties, type ResponsibleParty } from '../../../shared/Stage'
import { partySide } from '../../../shared/Board'
import { unitNamer } from '../../../shared/UnitNames'
import { SUBSCRIBE_TEMPLATES } from '../../../shared/SubscribeTemplates'
import { unitReminderLink, unitReminderText } from '../../../shared/Notifications'
import type { Deps } from '../router'
import { messageKey, newDelivery, onlyNew, smsInstead, staffFor } from './dispatcher'

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

/** The unit that answers for a stage on a case: the enterprise, the receiving community (or its party organisation), or the city-wide bureau. */
function unitOf(party: ResponsibleParty, c: Pick<RetireeCase, 'enterpriseId' | 'summary'>): string {
  const side = partySide(party)
  return side === 'enterprise' ? c.enterpriseId : side === 'community' ? c.summary.receivingCommunityId : '-'
}

/** Who answers now for an open stage of a case: the party of its next step (the agreement: the community until it signs). */
function answeringNow(stage: { responsible: ResponsibleParty }, c: RetireeCase, stageId: string): ResponsibleParty {
  return c.summary.stages[stageId as keyof RetireeCase['summary']['stages']]?.party ?? stage.responsible
}

/** Key of a unit's tally: party | unit | stage | deadline. Ids hold no '|'. */
function tallyKey(party: ResponsibleParty, unitId: string, stage: string, deadline: string): string {
  return [party, unitId, stage, deadline].join('|')
}

/** The retiree's own reminders for an item (inbox and subscribe message); the staff are counted per unit instead. */
async function remindersFor(deps: Deps, item: OpenItem, c: RetireeCase, now: Date, today: string, smsOn: boolean): Promise<NonNullable<Change['docs']>> {
  const stage = deps.policy.stages.find((s) => s.id === item.stage)
  if (!stage) return []
  const days = chinaDaysBetween(today, item.deadline)
  const title = `「${stage.name}」还有 ${days} 天截止`
  const docs: NonNullable<Change['docs']> = []
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
    const keyOf = (recipient: string) => messageKey({ caseId: c.id, stage: item.stage, kind: `reminder${days}`, deadline: item.deadline, recipient })
    docs.push(...(await reminderPushes(deps, c, now, keyOf, { item: stage.name, deadline: formatChinaDate(item.deadline), note: stage.retireeTodo }, smsOn ? `${stage.name}还有${days}天截止，请在小程序查看` : null)))
  }
  return docs
}

/**
 * A reminder beyond the inbox, for the case's readers: the deadline-reminder subscribe message to
 * each one with a consent left; when nobody can get it, one SMS to the roster phone (`smsText`,
 * null when SMS is off), by dispatcher.smsInstead's rules. `keyOf` gives each message's
 * idempotency key by recipient.
 */
export async function reminderPushes(deps: Deps, c: RetireeCase, now: Date, keyOf: (recipient: string) => string, fields: { item: string; deadline: string; note: string }, smsText: string | null): Promise<NonNullable<Change['docs']>> {
  const docs: NonNullable<Change['docs']> = []
  for (const reader of await deps.store.listUsers({ caseId: c.id })) {
    const consent = await deps.store.getDoc('subscribeConsent', `${reader.id}~${SUBSCRIBE_TEMPLATES.deadlineReminder.id}`)
    if (!consent || (consent.kind === 'oneTime' && consent.accepted <= consent.used)) continue
    docs.push({ kind: 'delivery', next: newDelivery(now, keyOf(reader.id), c.id, reader.id, 'deadlineReminder', fields), expectedVersion: null })
  }
  if (smsText !== null && docs.length === 0) {
    const sms = await smsInstead(deps, c, now, keyOf(ROSTER_PHONE_RECIPIENT), 'deadlineReminder', smsText)
    if (sms) docs.push({ kind: 'delivery', next: sms, expectedVersion: null })
  }
  return docs
}

/**
 * One reminder per unit, stage, deadline and day to each of the unit's staff, with the number of
 * open items the whole day's pass counted for it (not one message per retiree).
 */
async function unitReminders(deps: Deps, tallies: Record<string, number>, now: Date, today: string): Promise<NonNullable<Change['docs']>> {
  const docs: NonNullable<Change['docs']> = []
  for (const [key, count] of Object.entries(tallies)) {
    const [party, unitId, stageId, deadline] = key.split('|') as [ResponsibleParty, string, string, string]
    const stage = deps.policy.stages.find((s) => s.id === stageId)
    if (!stage || count === 0) continue
    const days = chinaDaysBetween(today, deadline)
    const text = unitReminderText(party, stage.name, count, deadline, days)
    const unit = { enterpriseId: unitId, summary: { receivingCommunityId: unitId } } as RetireeCase
    for (const u of await staffFor(deps, unit, new Set([party]))) {
      const message: StaffMessage = {
        id: messageKey({ caseId: `unit:${party}:${unitId}`, stage: stageId, kind: `reminder${days}`, deadline, recipient: u.id }),
        version: 1,
        recipientUserId: u.id,
        caseId: null,
        title: text.title,
        body: text.body,
        createdAt: now.toISOString(),
        read: false,
        link: unitReminderLink(party, stageId),
      }
      docs.push({ kind: 'staffMessage', next: message, expectedVersion: null })
    }
  }
  return docs
}

/**
 * The overdue digests: one a day to each supervisor, and to each responsible unit for its own items.
 * A stage one party answers for is counted from the open items; a stage several answer for in turn
 * (the agreement) from the figures kept by who answers now, so each side hears only of its own.
 */
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
  const orgName = (kind: ResponsibleParty, id: string) => {
    const side = partySide(kind)
    if (side === null) return unitNamer(deps.policy, { enterprises, communities })({ kind, orgId: null })
    const name = (side === 'enterprise' ? enterprises.find((e) => e.id === id)?.name : communities.find((c) => c.id === id)?.name) ?? id
    return kind === 'communityParty' ? `${name}党组织` : name
  }
  const tell = async (party: ResponsibleParty, enterpriseId: string, communityId: string, line: string) => {
    for (const s of supervisors) add(s, line)
    const admins = await staffFor(deps, { enterpriseId, summary: { receivingCommunityId: communityId } } as RetireeCase, new Set([party]))
    for (const a of admins.filter((u) => u.role !== 'gridWorker')) add(a, line)
  }
  const shared = new Set(deps.policy.stages.filter((s) => stageParties(s).length > 1).map((s) => s.id as string))
  // Counts come per enterprise and community: each responsible unit gets one line with its sum.
  const byUnit = new Map<string, { stage: StagePolicy; enterpriseId: string; communityId: string; count: number }>()
  for (const row of counts) {
    const stage = stageName(row.stage)
    if (!stage || shared.has(stage.id)) continue
    const side = partySide(stage.responsible)
    const key = [stage.id, side === 'enterprise' ? row.enterpriseId : side === 'community' ? row.receivingCommunityId : '-'].join('|')
    const unit = byUnit.get(key) ?? { stage, enterpriseId: row.enterpriseId, communityId: row.receivingCommunityId, count: 0 }
    unit.count += row.count
    byUnit.set(key, unit)
  }
  for (const { stage, enterpriseId, communityId, count } of byUnit.values()) {
    const party = stage.responsible
    await tell(party, enterpriseId, communityId, `${stage.name}：${count} 人逾期（${orgName(party, partySide(party) === 'enterprise' ? enterpriseId : communityId)}）`)
  }
  if (shared.size > 0) {
    // <side>:<id>|pd|<stage>|<party>|<deadline>: open items by who answers now.
    const overdue = new Map<string, number>()
    for (const prefix of ['enterprise:', 'community:']) {
      for (const [key, n] of await deps.store.readFigures(prefix)) {
        const [range, kind, stageId, party, deadline] = key.split('|')
        if (kind !== 'pd' || !shared.has(stageId) || deadline >= today) continue
        const side = partySide(party as ResponsibleParty)
        // Each case counts once: a side's party in its own range, a bureau on the enterprise side.
        if ((side ?? 'enterprise') !== range.slice(0, range.indexOf(':'))) continue
        const unit = [stageId, party, side === null ? '-' : range.slice(range.indexOf(':') + 1)].join('|')
        overdue.set(unit, (overdue.get(unit) ?? 0) + n)
      }
    }
    for (const [unit, count] of overdue) {
      const [stageId, party, orgId] = unit.split('|') as [string, ResponsibleParty, string]
      await tell(party, orgId, orgId, `${stageName(stageId)!.name}：${count} 人逾期（${orgName(party, orgId)}）`)
    }
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
export async function reminderPass(deps: Deps, now: Date, options: { pageSize?: number; maxPages?: number; sms?: boolean } = {}): Promise<ReminderReport> {
  const today = chinaDateOf(now)
  const pageSize = Math.min(options.pageSize ?? MAX_PAGE, MAX_PAGE)
  const id = `reminders:${today}`
  let cursor: PassCursor = (await deps.store.getDoc('passCursor', id)) ?? { id, version: 0, dayIndex: 0, after: null, digestsDone: false, done: false, tallies: {}, updatedAt: now.toISOString() }
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
    // The tallies ride in the cursor: a page's count and its cursor commit together, so a repeated page is never counted twice.
    const tallies = { ...cursor.tallies }
    for (const item of page.items) {
      const c = await deps.store.getCase(item.caseId)
      const stage = deps.policy.stages.find((s) => s.id === item.stage)
      if (!c || !stage) continue
      const party = answeringNow(stage, c, item.stage)
      const key = tallyKey(party, unitOf(party, c), item.stage, item.deadline)
      tallies[key] = (tallies[key] ?? 0) + 1
      docs.push(...(await remindersFor(deps, item, c, now, today, options.sms === true)))
    }
    const fresh = await onlyNew(deps, docs)
    report.itemsSeen += page.items.length
    report.messages += fresh.length
    pages++
    await save(page.nextCursor ? { dayIndex: cursor.dayIndex, after: page.nextCursor, digestsDone: false, done: false, tallies } : { dayIndex: cursor.dayIndex + 1, after: null, digestsDone: false, done: false, tallies }, fresh)
  }
  if (!cursor.digestsDone) {
    if (options.maxPages !== undefined && pages >= options.maxPages) return report
    // Only now are the counts complete: the unit reminders go with the digests, in the commit that closes the day.
    const units = await onlyNew(deps, await unitReminders(deps, cursor.tallies ?? {}, now, today))
    const fresh = await onlyNew(deps, await digests(deps, now, today))
    report.messages += units.length
    report.digests = fresh.length
    await save({ dayIndex: cursor.dayIndex, after: null, digestsDone: true, done: true, tallies: cursor.tallies }, [...units, ...fresh])
  }
  report.done = true
  return report
}
