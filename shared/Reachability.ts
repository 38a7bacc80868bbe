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
