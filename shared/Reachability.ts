import * as z from 'zod/mini'
import { isMainlandMobile } from './PhoneNumber'

/**
 * How a retiree can be reached (issue 14 points 1–3). The channels, in order of preference: the
 * retiree's own WeChat, a relative's WeChat, SMS to the roster phone, a printed notice the grid
 * worker delivers. A WeChat user counts while they have opened the mini-program in the last
 * 30 days. A person has no working digital channel when no WeChat of theirs or of a relative has
 * opened it in those 30 days and no SMS to their current phone has been delivered.
 */

export const CHANNELS = ['ownWechat', 'relativeWechat', 'sms', 'printed'] as const
export const Channel = z.enum(CHANNELS)
export type Channel = z.infer<typeof Channel>

export const CHANNEL_NAMES: Record<Channel, string> = {
  ownWechat: '本人微信',
  relativeWechat: '亲属微信',
  sms: '短信',
  printed: '纸质通知',
}

/** A WeChat user counts as a channel for this many days after they last opened the mini-program. */
export const WECHAT_ACTIVE_DAYS = 30
const DAY_MS = 86_400_000

/** At most this many WeChat users per case are remembered (the retiree and their relatives). */
export const MAX_REACH_USERS = 10

/** How a printed notice's delivery went, as the grid worker records it. */
export const PrintedOutcome = z.enum(['handedOver', 'leftAtDoor', 'nobodyThere'])
export type PrintedOutcome = z.infer<typeof PrintedOutcome>

/** What is known about reaching one case, kept as its own document (id = case id). */
export const CaseReach = z.object({
  id: z.string().check(z.describe('the case id')),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  communityId: z.string().check(z.describe('the receiving community when last written')),
  enterpriseId: z.string(),
  wechat: z.array(z.object({
    userId: z.string(),
    role: z.enum(['retiree', 'relative']),
    lastOpenedAt: z.iso.datetime(),
  })).check(z.maxLength(MAX_REACH_USERS)),
  sms: z.nullable(z.object({
    phone: z.string().check(z.describe('the number these outcomes are about; a corrected phone starts afresh')),
    lastDeliveredAt: z.nullable(z.iso.datetime()),
    lastBouncedAt: z.nullable(z.iso.datetime()),
  })),
  printed: z.nullable(z.object({
    outcome: PrintedOutcome,
    at: z.iso.datetime(),
  })),
  updatedAt: z.iso.datetime(),
})
export type CaseReach = z.infer<typeof CaseReach>

/** The facts the rule reads, for one case. */
export interface ReachFacts {
  /** The retiree's own WeChat users and when each last opened the mini-program (null: never recorded). */
  ownWechat: Array<{ lastOpenedAt: string | null }>
  relativeWechat: Array<{ lastOpenedAt: string | null }>
  /** The latest SMS outcome to the roster phone as it is now. */
  sms: 'delivered' | 'bounced' | 'none'
  /** A mainland mobile that has not bounced: SMS may be tried. */
  phoneUsable: boolean
  /** The latest printed notice, if any was recorded. */
  printed: PrintedOutcome | null
}

/** Who can be reached how: the board's categories. */
export type ReachedBy = 'ownWechat' | 'relativeWechat' | 'sms' | 'inPerson' | 'none'

export interface Reachability {
  /** The channels to try, most preferred first; printed is always last. */
  channels: Channel[]
  hasWorkingDigitalChannel: boolean
  /** The best channel known to work: a printed notice handed over or left at the door counts as in person. */
  reachedBy: ReachedBy
}

function openedWithin(users: ReachFacts['ownWechat'], now: Date): boolean {
  const since = now.getTime() - WECHAT_ACTIVE_DAYS * DAY_MS
  return users.some((u) => u.lastOpenedAt !== null && Date.parse(u.lastOpenedAt) >= since)
}

export function reachability(facts: ReachFacts, now: Date): Reachability {
  const own = openedWithin(facts.ownWechat, now)
  const relative = openedWithin(facts.relativeWechat, now)
  const smsWorks = facts.phoneUsable && facts.sms === 'delivered'
  const channels: Channel[] = []
  if (own) channels.push('ownWechat')
  if (relative) channels.push('relativeWechat')
  if (facts.phoneUsable) channels.push('sms')
  channels.push('printed')
  const hasWorkingDigitalChannel = own || relative || smsWorks
  const inPerson = facts.printed === 'handedOver' || facts.printed === 'leftAtDoor'
  const reachedBy: ReachedBy = own ? 'ownWechat' : relative ? 'relativeWechat' : smsWorks ? 'sms' : inPerson ? 'inPerson' : 'none'
  return { channels, hasWorkingDigitalChannel, reachedBy }
}

/** The latest SMS outcome for the phone as it is now: outcomes about another (older) number do not count. */
export function smsOutcomeFor(reach: CaseReach | null, phone: string): ReachFacts['sms'] {
  const sms = reach?.sms
  if (!sms || sms.phone !== phone) return 'none'
  if (sms.lastBouncedAt !== null && (sms.lastDeliveredAt === null || sms.lastBouncedAt > sms.lastDeliveredAt)) return 'bounced'
  return sms.lastDeliveredAt !== null ? 'delivered' : 'none'
}

/** The last SMS to this exact number bounced: it is marked bad until the roster phone is corrected. */
export function phoneMarkedBad(reach: CaseReach | null, phone: string): boolean {
  return smsOutcomeFor(reach, phone) === 'bounced'
}

/** The rule's facts from a case's phone and its reach document (absent: nothing known yet). */
export function reachFacts(phone: string, reach: CaseReach | null): ReachFacts {
  const users = reach?.wechat ?? []
  return {
    ownWechat: users.filter((u) => u.role === 'retiree'),
    relativeWechat: users.filter((u) => u.role === 'relative'),
    sms: smsOutcomeFor(reach, phone),
    phoneUsable: isMainlandMobile(phone) && !phoneMarkedBad(reach, phone),
    printed: reach?.printed?.outcome ?? null,
  }
}

type ReachUnits = { enterpriseId: string; summary: { receivingCommunityId: string } }

/** Whether a change of a case moves it to another receiving community or enterprise: the units its reach document is listed by. */
export function movesReach(before: ReachUnits, after: ReachUnits): boolean {
  return before.summary.receivingCommunityId !== after.summary.receivingCommunityId || before.enterpriseId !== after.enterpriseId
}

/** A case's reach document as it is written again when the case moves (movesReach): listed by the case's new units. */
export function reachAfterMove(reach: CaseReach, after: ReachUnits): CaseReach {
  return { ...reach, version: reach.version + 1, communityId: after.summary.receivingCommunityId, enterpriseId: after.enterpriseId }
}

/** A new reach document for a case, before anything is known. */
export function emptyReach(c: { id: string; enterpriseId: string; summary: { receivingCommunityId: string } }, now: Date): CaseReach {
  return { id: c.id, version: 1, caseId: c.id, communityId: c.summary.receivingCommunityId, enterpriseId: c.enterpriseId, wechat: [], sms: null, printed: null, updatedAt: now.toISOString() }
}

/** The reach document with this user's latest opening; the oldest entry makes room when full. */
export function withOpening(reach: CaseReach, user: { id: string; role: 'retiree' | 'relative' }, at: Date): CaseReach {
  const others = reach.wechat.filter((u) => u.userId !== user.id)
  const wechat = [...others, { userId: user.id, role: user.role, lastOpenedAt: at.toISOString() }]
    .sort((a, b) => (a.lastOpenedAt < b.lastOpenedAt ? 1 : -1))
    .slice(0, MAX_REACH_USERS)
  return { ...reach, wechat, updatedAt: at.toISOString() }
}

/** The reach document after an SMS outcome to `phone`. */
export function withSmsOutcome(reach: CaseReach, phone: string, outcome: 'delivered' | 'bounced', at: Date): CaseReach {
  const prior = reach.sms && reach.sms.phone === phone ? reach.sms : { phone, lastDeliveredAt: null, lastBouncedAt: null }
  const iso = at.toISOString()
  const sms = outcome === 'delivered' ? { ...prior, lastDeliveredAt: iso } : { ...prior, lastBouncedAt: iso }
  return { ...reach, sms, updatedAt: iso }
}

/** The reach document after a grid worker records a printed notice's delivery. */
export function withPrintedDelivery(reach: CaseReach, outcome: PrintedOutcome, at: Date): CaseReach {
  return { ...reach, printed: { outcome, at: at.toISOString() }, updatedAt: at.toISOString() }
}

/** The board's categories, best first, in plain words. */
export const REACHED_BY: readonly ReachedBy[] = ['ownWechat', 'relativeWechat', 'sms', 'inPerson', 'none']
export const REACHED_BY_NAMES: Record<ReachedBy, string> = {
  ownWechat: '本人微信',
  relativeWechat: '亲属微信',
  sms: '短信',
  inPerson: '只能上门，通知已送到',
  none: '只能上门，还没联系上',
}

/** One unit's reachability: how many of its retirees in the hand-over's scope each way, and in whole percent of all (cloudfunctions/lib/reachability.ts leaves the others out). */
export const ReachShares = z.object({
  orgId: z.string(),
  total: z.int(),
  counts: z.record(z.enum(['ownWechat', 'relativeWechat', 'sms', 'inPerson', 'none']), z.int()),
  percent: z.record(z.enum(['ownWechat', 'relativeWechat', 'sms', 'inPerson', 'none']), z.int()),
  partial: z.boolean().check(z.describe('more retirees than one request reads: the figures cover the first ones')),
})
export type ReachShares = z.infer<typeof ReachShares>

/**
 * Counts per category and whole percentages that add up to 100 (largest remainders), so the board
 * never shows 99 % or 101 % in all.
 */
export function reachShares(orgId: string, reached: readonly ReachedBy[], partial: boolean): ReachShares {
  const counts = Object.fromEntries(REACHED_BY.map((k) => [k, reached.filter((r) => r === k).length])) as Record<ReachedBy, number>
  const total = reached.length
  const exact = REACHED_BY.map((k) => (total === 0 ? 0 : (counts[k] * 100) / total))
  const floors = exact.map(Math.floor)
  let left = total === 0 ? 0 : 100 - floors.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => [x - floors[i], i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) if (left > 0 && exact[i] > floors[i]) (floors[i]++, left--)
  const percent = Object.fromEntries(REACHED_BY.map((k, i) => [k, floors[i]])) as Record<ReachedBy, number>
  return { orgId, total, counts, percent, partial }
}

/** Why a person is reachable by no channel, in plain words for the grid worker. */
export function unreachedReason(phone: string, facts: ReachFacts): string {
  const phoneWords = phone === '' ? '花名册上没有电话' : facts.sms === 'bounced' ? '电话号码无效（短信发不到）' : isMainlandMobile(phone) ? '短信还没有送到过' : '留的是固定电话，收不了短信'
  const wechat = facts.ownWechat.length + facts.relativeWechat.length > 0 ? '30 天内没打开过小程序' : '本人和亲属都没用微信办理'
  return `${wechat}；${phoneWords}`
}

export const UnreachedItem = z.object({
  caseId: z.string(),
  name: z.string(),
  reason: z.string(),
  printed: z.nullable(PrintedOutcome),
})
export const UnreachedView = z.object({
  community: ReachShares,
  items: z.array(UnreachedItem),
  nextCursor: z.nullable(z.string()),
})
export type UnreachedView = z.infer<typeof UnreachedView>
