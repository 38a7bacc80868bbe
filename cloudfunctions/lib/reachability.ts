import { AppError } from '../../shared/AppError'
import type { RetireeCase } from '../../shared/Case'
import { chinaDateOf } from '../../shared/ChinaTime'
import { emptyReach, reachability, reachFacts, unreachedReason, withOpening, withPrintedDelivery, withSmsOutcome, type CaseReach, type PrintedOutcome, type Reachability } from '../../shared/Reachability'
import { MAX_PAGE, type Page, type Store, type VersionedDoc } from '../../shared/ports/Store'
import type { User } from '../../shared/User'

/**
 * Reading and writing what is known about reaching each case (shared/Reachability.ts). Every
 * read is index-served: cases by id or by receiving community / enterprise, reach documents by
 * id or by community / enterprise.
 */

/** Store pages (of up to MAX_PAGE) one community's or enterprise's reachability reads; beyond it the result says it is partial. */
export const REACH_SCAN_PAGES = 5

export interface CaseReachability extends Reachability {
  caseId: string
  name: string
  communityId: string
  enterpriseId: string
  /** The roster phone is a mobile whose last SMS bounced (asked to be corrected). */
  phoneBad: boolean
  /** Why no digital channel works, in plain words (for the list to visit first). */
  reason: string
  printed: PrintedOutcome | null
  /** The case as loaded here, so a caller that needs more of it (print.notices) does not read it again; never sent as it is. */
  retireeCase: RetireeCase
}

export interface ReachabilityResult {
  cases: CaseReachability[]
  /** More cases than REACH_SCAN_PAGES pages: the figures cover the first ones only. */
  partial: boolean
}

export type ReachScope = { caseIds: string[] } | { communityId: string } | { enterpriseId: string }

function reachOf(c: RetireeCase, reach: CaseReach | null, now: Date): CaseReachability {
  const facts = reachFacts(c.person.phone, reach)
  return {
    caseId: c.id,
    name: c.person.name,
    communityId: c.summary.receivingCommunityId,
    enterpriseId: c.enterpriseId,
    phoneBad: facts.sms === 'bounced',
    reason: unreachedReason(c.person.phone, facts),
    printed: facts.printed,
    retireeCase: c,
    ...reachability(facts, now),
  }
}

/** Out of the hand-over's scope (离休, 另有规定): the community never receives the person, so no reachability figure, list or letter counts them. */
function received(c: RetireeCase | null): c is RetireeCase {
  return c !== null && c.summary.inScope
}

/**
 * Each case's channels and whether it has a working digital channel, for some cases or for a
 * community's or enterprise's; cases out of the hand-over's scope are left out here, for every
 * reader (reach.shares, reach.unreached, print.notices).
 */
export async function reachabilityOf(store: Store, scope: ReachScope, now: Date): Promise<ReachabilityResult> {
  if ('caseIds' in scope) {
    const cases = (await Promise.all(scope.caseIds.map((id) => store.getCase(id)))).filter(received)
    const reaches = await Promise.all(cases.map((c) => store.getDoc('caseReach', c.id)))
    return { cases: cases.map((c, i) => reachOf(c, reaches[i], now)), partial: false }
  }
  const caseFilter = 'communityId' in scope ? { receivingCommunityId: scope.communityId } : { enterpriseId: scope.enterpriseId }
  const docFilter = 'communityId' in scope ? { communityId: scope.communityId } : { enterpriseId: scope.enterpriseId }
  const cases: RetireeCase[] = []
  let after: string | undefined
  let partial = false
  for (let pages = 0; ; pages++) {
    if (pages === REACH_SCAN_PAGES) { partial = true; break }
    const page = await store.listCases({ ...caseFilter, limit: MAX_PAGE, after })
    cases.push(...page.items.filter(received))
    if (page.nextCursor === null) break
    after = page.nextCursor
  }
  const reaches = new Map<string, CaseReach>()
  after = undefined
  for (let pages = 0; pages < REACH_SCAN_PAGES; pages++) {
    const page: Page<CaseReach> = await store.listDocs('caseReach', docFilter, { limit: MAX_PAGE, after })
    for (const r of page.items) reaches.set(r.caseId, r)
    if (page.nextCursor === null) break
    after = page.nextCursor
  }
  return { cases: cases.map((c) => reachOf(c, reaches.get(c.id) ?? null, now)), partial }
}

/** A case's reach document, or a new one, with its community and enterprise as the case has them now. */
async function reachFor(store: Store, c: RetireeCase, now: Date): Promise<{ reach: CaseReach; expectedVersion: number | null }> {
  const stored = await store.getDoc('caseReach', c.id)
  const base = stored ?? emptyReach(c, now)
  return { reach: { ...base, communityId: c.summary.receivingCommunityId, enterpriseId: c.enterpriseId }, expectedVersion: stored ? stored.version : null }
}

/** The write that changes a case's reach document (created when absent), or null when the case is gone. */
export async function reachChange(store: Store, caseId: string, change: (reach: CaseReach, c: RetireeCase) => CaseReach, now: Date): Promise<VersionedDoc | null> {
  const c = await store.getCase(caseId)
  if (!c) return null
  const { reach, expectedVersion } = await reachFor(store, c, now)
  return { kind: 'caseReach', next: { ...change(reach, c), version: (expectedVersion ?? 0) + 1 }, expectedVersion }
}

async function saveReach(store: Store, caseId: string, change: (reach: CaseReach, c: RetireeCase) => CaseReach, now: Date, extra: { users?: User[] } = {}): Promise<void> {
  const doc = await reachChange(store, caseId, change, now)
  if (doc || extra.users) await store.commit({ ...extra, ...(doc && { docs: [doc] }) })
}

/**
 * The user opened the mini-program (session.me, which the app calls on launch): their
 * lastOpenedAt is written at most once per China day, and for a retiree or relative their case's
 * reach document with it. A write lost to a concurrent one is left: the next day writes again.
 */
export async function recordOpening(store: Store, user: User, now: Date): Promise<void> {
  if (user.lastOpenedAt !== undefined && chinaDateOf(user.lastOpenedAt) === chinaDateOf(now)) return
  const users = [{ ...user, lastOpenedAt: now.toISOString() }]
  const reachRole = user.role === 'retiree' || user.role === 'relative' ? user.role : null
  try {
    if (reachRole && user.caseId) await saveReach(store, user.caseId, (r) => withOpening(r, { id: user.id, role: reachRole }, now), now, { users })
    else await store.commit({ users })
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e
  }
}

/** An SMS to the case's roster phone was delivered or bounced. */
export async function recordSmsOutcome(store: Store, caseId: string, phone: string, outcome: 'delivered' | 'bounced', now: Date): Promise<void> {
  await saveReach(store, caseId, (r) => withSmsOutcome(r, phone, outcome, now), now)
}

/**
 * A grid worker delivered (or tried to deliver) a printed notice: the board's reachability
 * figures count a notice handed over or left at the door as reached in person.
 */
export async function recordPrintedDelivery(store: Store, caseId: string, outcome: PrintedOutcome, now: Date): Promise<void> {
  await saveReach(store, caseId, (r) => withPrintedDelivery(r, outcome, now), now)
}
