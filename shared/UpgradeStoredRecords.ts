/**
 * The migrations of records written by older code, as one resumable run. Every record is read
 * through its schema (shared/ports/RecordSchemas.ts), which turns full birth and retirement dates
 * into months and masks an older masked ID number again (issue 8), so nothing trusts an old shape.
 * The run makes the storage itself stop holding them: every stored case, roster preview,
 * correction request, inbox message, outbox event and audit entry whose stored shape differs from
 * its reading is stored again as read (Store.upgradeStoredPage). It also counts the board's
 * figures once (issue 10), gives agreements' cases the community's signature step (issue 11) and
 * rebuilds every case summary that today's policy and the office's marks (另有规定) make
 * differently.
 *
 * The run keeps its place in one document (`upgradeRun`), moved on after each page under its
 * version, so a run cut off by the function's time limit (the nightly `migrate` function gives it
 * part of its 60 s) is continued by the next, and two runs at once never both move it. Once the
 * run is done it is not made again until what it is for changes: the upgrades themselves
 * (UPGRADES), the policy, or which enterprises are marked. Every step is idempotent: a page done
 * twice rewrites nothing the second time. Runs on the local host's start, as `npm run migrate`,
 * and in production as the nightly `migrate` cloud function.
 */
import * as z from 'zod/mini'
import { isAppError } from './AppError'
import { canonicalJson } from './CanonicalJson'
import type { AuditEntry } from './AuditEntry'
import type { RetireeCase } from './Case'
import type { CaseAction } from './CaseAction'
import { withEnterpriseMark } from './Category'
import { checkStep, summarizeCase } from './CaseState'
import type { Policy } from './Policy'
import type { Enterprise } from './Organisation'
import { commitIfCurrent, type Store, type UpgradableKind } from './ports/Store'

/** Records per page; a run cut off between pages has kept what it rewrote. */
const PAGE = 200

/**
 * Records per page of the steps that may commit once per record (summaries, agreements' steps): a
 * run is told to stop only between pages, so a page of these stays a few seconds long even on the
 * cloud, where each commit is a round trip or more.
 */
const COMMIT_PAGE = 25

/** The cursor a figures step keeps while it counts: a run that finds it there was cut off while counting, and counts again. */
const COUNTING = 'counting'

/** The steps of a run, in order. */
export const UPGRADE_STEPS = ['cases', 'figuresCounted', 'agreementSteps', 'summaries', 'rosterPreview', 'correctionRequest', 'inboxMessage', 'outboxEvent', 'audit'] as const
export type UpgradeStep = (typeof UPGRADE_STEPS)[number]

/** The set of upgrades a run makes: raise it when a step is added or changed, so that every store runs them again. */
export const UPGRADES = 1

/** The id of the one upgradeRun document. */
export const UPGRADE_RUN_ID = 'upgrade'

export const UpgradeRun = z.object({
  id: z.literal(UPGRADE_RUN_ID),
  version: z.int().check(z.gte(1)),
  fingerprint: z.string().check(z.describe('what the run is for: the upgrades, the policy and the marked enterprises (upgradeFingerprint); another begins a new run')),
  step: z.enum(UPGRADE_STEPS).check(z.describe('the step under way')),
  after: z.nullable(z.string()).check(z.describe('the cursor within that step: null at its start')),
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  doneAt: z.nullable(z.iso.datetime()).check(z.describe('when the last step ended')),
})
export type UpgradeRun = z.infer<typeof UpgradeRun>

export interface UpgradeCount {
  read: number
  rewritten: number
  /** Records the schema cannot read (or planted by a client): left as they are, for a person to look at. */
  unreadable: number
}

export type UpgradeReport = Record<'cases' | 'agreementSteps' | 'rosterPreview' | 'correctionRequest' | 'inboxMessage' | 'outboxEvent' | 'audit', UpgradeCount> & {
  /** Figures written by the one-time count, or null when the store was counted before (or the run did not reach it). */
  figuresCounted: number | null
  summaries: SummaryCount
}

export interface SummaryCount {
  read: number
  /** Cases whose stored summary differed from their actions under today's policy, stored again. */
  refreshed: number
}

const noCount = (): UpgradeCount => ({ read: 0, rewritten: 0, unreadable: 0 })

/**
 * A case as its enterprise's mark (另有规定) and today's policy make it: the mark copied into its
 * categories and its summary rebuilt from its actions; null when it is so already.
 */
export function refreshedCase(policy: Policy, c: RetireeCase, ownRules: boolean): RetireeCase | null {
  const categories = withEnterpriseMark(c.categories, ownRules)
  const summary = summarizeCase(policy, { ...c, categories })
  if (canonicalJson(summary) === canonicalJson(c.summary) && canonicalJson(categories) === canonicalJson(c.categories)) return null
  return { ...c, categories, summary, version: c.version + 1 }
}

/** The enterprises the office marked 另有规定. */
const markedOf = (enterprises: readonly Enterprise[]): Set<string> => new Set(enterprises.filter((e) => e.ownRules === true).map((e) => e.id))

/** One page of cases refreshed (refreshSummaries); returns the cursor to the next, null after the last. */
async function summariesPage(store: Store, policy: Policy, marked: Set<string>, page: { after: string | null; limit: number; enterpriseId?: string }, count: SummaryCount): Promise<string | null> {
  const cases = await store.listCases({ limit: page.limit, ...(page.after !== null && { after: page.after }), ...(page.enterpriseId !== undefined && { enterpriseId: page.enterpriseId }) })
  for (const c of cases.items) {
    count.read++
    const next = refreshedCase(policy, c, marked.has(c.enterpriseId))
    if (next === null) continue
    try {
      await store.commit({ cases: [{ next, expectedVersion: c.version }] })
      count.refreshed++
    } catch (e) {
      if (!isAppError(e) || e.code !== 'CONFLICT') throw e
    }
  }
  return cases.nextCursor
}

/**
 * Every case (of one enterprise, or all) rebuilt by refreshedCase, and stored again (a normal
 * versioned commit, so the board's figures move with it) where it differs: a case stored before
 * summaries carried each stage (issue 10), before the policy's deadlines or rules changed, or
 * before the office marked or unmarked its enterprise. A case written meanwhile is left to its
 * writer, whose write rebuilt the summary already; the next run (a changed mark begins one) takes
 * up a mark it missed.
 */
export async function refreshSummaries(store: Store, policy: Policy, enterpriseId?: string): Promise<SummaryCount> {
  const count: SummaryCount = { read: 0, refreshed: 0 }
  const marked = markedOf(await store.listEnterprises())
  for (let after: string | null = null; ; ) {
    after = await summariesPage(store, policy, marked, { after, limit: PAGE, ...(enterpriseId !== undefined && { enterpriseId }) }, count)
    if (after === null) return count
  }
}

/** One page of agreements (recordCommunitySignatures); returns the cursor to the next, null after the last. */
async function signaturesPage(store: Store, policy: Policy, page: { after: string | null; limit: number }, count: UpgradeCount): Promise<string | null> {
  const agreements = await store.listAgreements({ limit: page.limit, ...(page.after !== null && { after: page.after }) })
  for (const a of agreements.items) {
    count.read++
    if (a.status === 'draft' || a.communitySignedAt === null) continue
    for (const caseId of a.caseIds) {
      const c = await store.getCase(caseId)
      if (!c || c.actions.some((x) => x.type === 'agreementCommunitySigned')) continue
      const countersigned = c.actions.findIndex((x) => x.type === 'agreementSigned' && x.agreementId === a.id)
      // Waiting for the countersignature: the step must be the one the state machine expects now.
      if (countersigned < 0 && !checkStep(policy, c, 'agreementCommunitySigned').ok) continue
      const step = { type: 'agreementCommunitySigned', agreementId: a.id, id: `migrated-${a.id}-${c.id}`, at: a.communitySignedAt, by: { userId: 'migration', role: 'communityAdmin' } } as CaseAction
      const at = countersigned >= 0 ? countersigned : c.actions.filter((x) => x.at <= step.at).length
      const actions = [...c.actions.slice(0, at), step, ...c.actions.slice(at)]
      const next = { ...c, actions, version: c.version + 1 }
      try {
        // Recorded as the system's, with the agreement it came from, like any other change to a case.
        const audit: AuditEntry = { id: `migrated-${a.id}-${c.id}`, at: a.communitySignedAt, actor: { userId: 'system', role: 'system' }, action: 'migrate.agreementSteps', caseId: c.id, outcome: 'done', changes: [{ field: 'actions', before: null, after: `agreementCommunitySigned (${a.id})` }] }
        await store.commit({ cases: [{ next: { ...next, summary: summarizeCase(policy, next) }, expectedVersion: c.version }], audit: [audit] })
        count.rewritten++
      } catch (e) {
        if (!isAppError(e) || e.code !== 'CONFLICT') throw e
      }
    }
  }
  return agreements.nextCursor
}

/**
 * The community's signature of an agreement became a step of each case in it (issue 11): every
 * case of an agreement the community signed before that gets the step, at the signature's time,
 * placed in the history where it happened (before the countersignature, when there is one), so a
 * case still waiting for the countersignature shows the enterprise as the side to act. The signer
 * was not kept with the agreement, so the step names the migration in the community admin's role.
 * Idempotent: a case that has the agreement's step is left alone.
 */
export async function recordCommunitySignatures(store: Store, policy: Policy): Promise<UpgradeCount> {
  const count = noCount()
  for (let after: string | null = null; ; ) {
    after = await signaturesPage(store, policy, { after, limit: PAGE }, count)
    if (after === null) return count
  }
}

/** One page of records of a kind stored again as read; returns the cursor to the next, null after the last. */
async function kindPage(store: Store, kind: UpgradableKind, page: { after: string | null; limit: number }, count: UpgradeCount): Promise<string | null> {
  const done = await store.upgradeStoredPage(kind, { limit: page.limit, ...(page.after !== null && { after: page.after }) })
  count.read += done.read
  count.rewritten += done.rewritten
  count.unreadable += done.unreadable
  return done.nextCursor
}

/**
 * The counter that marks the figures as counted from the records: issue 10 began keeping them;
 * issue 15 moved the stages done on time out of the units' ranges (`ontime|…`), so a store counts
 * them once more under the new name.
 */
export const FIGURES_COUNTED = 'migration|figuresCounted|2'

/**
 * A store written before the figures were kept is counted once, by the first migration run after
 * the upgrade (the marker is taken first, so two runs never both count); later writes keep them.
 */
export async function countFiguresOnce(store: Store): Promise<number | null> {
  if ((await store.incrementCounter(FIGURES_COUNTED)) !== 1) return null
  return store.recountFigures()
}

/**
 * What a run is for: a new set of upgrades, other code (the caller's `codeVersion`: a deploy that
 * changed how summaries are made or records read), another policy, or another set of marked
 * enterprises begins a new run.
 */
export function upgradeFingerprint(policy: Policy, enterprises: readonly Enterprise[], codeVersion = ''): string {
  // Each mark with when it was set: marked and unmarked again since the last run is a change too (the screen's own refresh may have missed cases).
  const marks = enterprises
    .filter((e) => e.ownRules === true || e.ownRulesMarkedAt !== undefined)
    .map((e) => `${e.id}:${e.ownRules === true ? 1 : 0}:${e.ownRulesMarkedAt ?? ''}`)
    .sort()
  return `${UPGRADES}|${codeVersion}|${policy.id}|${textHash(canonicalJson(policy))}|${marks.join(',')}`
}

/** A short hash of a text (cyrb53: 53 bits, to tell one policy from another, not a secret). */
function textHash(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}

/** The run after a step's page: on within the step, at the next step's start, or done. */
export function advanceRun(run: UpgradeRun, nextCursor: string | null, now: Date): UpgradeRun {
  const moved = { ...run, version: run.version + 1, updatedAt: now.toISOString() }
  if (nextCursor !== null) return { ...moved, after: nextCursor }
  const at = UPGRADE_STEPS.indexOf(run.step)
  if (at < UPGRADE_STEPS.length - 1) return { ...moved, step: UPGRADE_STEPS[at + 1], after: null }
  return { ...moved, after: null, doneAt: moved.updatedAt }
}

export interface UpgradeOptions {
  now: () => Date
  /** The running code's version (a hash of its bundle): a deploy of other code makes the run again, so what it changed reaches every stored record. */
  codeVersion?: string
  /** Records per page. */
  pageSize?: number
  /** Asked before each page: true ends this run (the function's time is nearly up); the next run continues. */
  shouldStop?: () => boolean
}

/** What a run did (this call's share), and where the run stands (null: another run began it and could not be read back). */
export interface UpgradeResult {
  counts: UpgradeReport
  run: UpgradeRun | null
}

/**
 * Moves the run for this policy and these marks forward, page by page, until it is done or told
 * to stop. A run done for them already reads one document and does nothing. Two runs at once:
 * the one whose progress write conflicts stops (its page was idempotent), and the other goes on.
 */
export async function upgradeStoredRecords(store: Store, policy: Policy, options: UpgradeOptions): Promise<UpgradeResult> {
  const limit = (step: UpgradeStep) => options.pageSize ?? (step === 'summaries' || step === 'agreementSteps' ? COMMIT_PAGE : PAGE)
  const counts: UpgradeReport = { cases: noCount(), figuresCounted: null, agreementSteps: noCount(), summaries: { read: 0, refreshed: 0 }, rosterPreview: noCount(), correctionRequest: noCount(), inboxMessage: noCount(), outboxEvent: noCount(), audit: noCount() }
  const enterprises = await store.listEnterprises()
  const marked = markedOf(enterprises)
  const fingerprint = upgradeFingerprint(policy, enterprises, options.codeVersion)
  let run = await store.getDoc('upgradeRun', UPGRADE_RUN_ID)
  if (run === null || run.fingerprint !== fingerprint) {
    const at = options.now().toISOString()
    const fresh: UpgradeRun = { id: UPGRADE_RUN_ID, version: (run?.version ?? 0) + 1, fingerprint, step: UPGRADE_STEPS[0], after: null, startedAt: at, updatedAt: at, doneAt: null }
    if (!(await saveRun(store, fresh, run?.version ?? null))) return { counts, run: await store.getDoc('upgradeRun', UPGRADE_RUN_ID) }
    run = fresh
  }
  while (run.doneAt === null && !options.shouldStop?.()) {
    const page = { after: run.after, limit: limit(run.step) }
    let nextCursor: string | null
    switch (run.step) {
      case 'figuresCounted': {
        // Marked first: a count cut off (the function's time) leaves the cursor at COUNTING, and the next run counts again, whole.
        const cutOff = run.after === COUNTING
        const counting: UpgradeRun = { ...run, version: run.version + 1, after: COUNTING, updatedAt: options.now().toISOString() }
        if (!(await saveRun(store, counting, run.version))) return { counts, run: await store.getDoc('upgradeRun', UPGRADE_RUN_ID) }
        run = counting
        counts.figuresCounted = cutOff ? await store.recountFigures() : await countFiguresOnce(store)
        nextCursor = null
        break
      }
      case 'agreementSteps':
        nextCursor = await signaturesPage(store, policy, page, counts.agreementSteps)
        break
      case 'summaries':
        nextCursor = await summariesPage(store, policy, marked, page, counts.summaries)
        break
      default:
        nextCursor = await kindPage(store, run.step, page, counts[run.step])
    }
    const next = advanceRun(run, nextCursor, options.now())
    if (!(await saveRun(store, next, run.version))) return { counts, run: await store.getDoc('upgradeRun', UPGRADE_RUN_ID) }
    run = next
  }
  return { counts, run }
}

/** Stores the run guarded by the version read; false when another run moved it first. */
function saveRun(store: Store, next: UpgradeRun, expectedVersion: number | null): Promise<boolean> {
  return commitIfCurrent(store, { docs: [{ kind: 'upgradeRun', next, expectedVersion }] })
}
