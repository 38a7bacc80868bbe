/**
 * The migration of issue 8, item 3. Every record is read through its schema (shared/ports/
 * RecordSchemas.ts), which turns full birth and retirement dates into months and masks an older
 * masked ID number again, so nothing trusts an old shape. This makes the storage itself stop
 * holding them: every stored case, roster preview, correction request, inbox message, outbox
 * event and audit entry whose stored shape differs from its reading is stored again as read
 * (Store.upgradeStoredPage). Idempotent: a second run rewrites nothing. Runs on the local host's
 * start, as `npm run migrate`, and in production as the nightly `migrate` cloud function.
 */
import { isAppError } from './AppError'
import type { AuditEntry } from './AuditEntry'
import type { RetireeCase } from './Case'
import type { CaseAction } from './CaseAction'
import { withEnterpriseMark } from './Category'
import { checkStep, summarizeCase } from './CaseState'
import type { Policy } from './Policy'
import type { Store, UpgradableKind } from './ports/Store'

/** Records per page; a run cut off between pages has kept what it rewrote. */
const PAGE = 200

export interface UpgradeCount {
  read: number
  rewritten: number
  /** Records the schema cannot read (or planted by a client): left as they are, for a person to look at. */
  unreadable: number
}

export type UpgradeReport = Record<'cases' | 'agreementSteps' | 'rosterPreview' | 'correctionRequest' | 'inboxMessage' | 'outboxEvent' | 'audit', UpgradeCount> & {
  /** Figures written by the one-time count, or null when the store was counted before. */
  figuresCounted: number | null
  summaries: SummaryCount
}

export interface SummaryCount {
  read: number
  /** Cases whose stored summary differed from their actions under today's policy, stored again. */
  refreshed: number
}

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

/**
 * Every case (of one enterprise, or all) rebuilt by refreshedCase, and stored again (a normal
 * versioned commit, so the board's figures move with it) where it differs: a case stored before
 * summaries carried each stage (issue 10), before the policy's deadlines or rules changed, or
 * before the office marked or unmarked its enterprise. A case written meanwhile is left to its
 * writer, whose write rebuilt the summary already; the next run takes up a mark it missed.
 */
export async function refreshSummaries(store: Store, policy: Policy, enterpriseId?: string): Promise<SummaryCount> {
  const count: SummaryCount = { read: 0, refreshed: 0 }
  const marked = new Set((await store.listEnterprises()).filter((e) => e.ownRules === true).map((e) => e.id))
  for (let after: string | undefined; ; ) {
    const page = await store.listCases({ limit: PAGE, after, ...(enterpriseId !== undefined && { enterpriseId }) })
    for (const c of page.items) {
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
    if (page.nextCursor === null) return count
    after = page.nextCursor
  }
}

/** JSON with every object's keys in order: two records are stored alike when this is equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  )
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
  const count: UpgradeCount = { read: 0, rewritten: 0, unreadable: 0 }
  for (let after: string | undefined; ; ) {
    const page = await store.listAgreements({ limit: PAGE, after })
    for (const a of page.items) {
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
    if (page.nextCursor === null) return count
    after = page.nextCursor
  }
}

async function upgradeKind(store: Store, kind: UpgradableKind): Promise<UpgradeCount> {
  const count: UpgradeCount = { read: 0, rewritten: 0, unreadable: 0 }
  for (let after: string | undefined; ; ) {
    const page = await store.upgradeStoredPage(kind, { limit: PAGE, after })
    count.read += page.read
    count.rewritten += page.rewritten
    count.unreadable += page.unreadable
    if (page.nextCursor === null) return count
    after = page.nextCursor
  }
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

export async function upgradeStoredRecords(store: Store, policy: Policy): Promise<UpgradeReport> {
  return {
    cases: await upgradeKind(store, 'cases'),
    figuresCounted: await countFiguresOnce(store),
    agreementSteps: await recordCommunitySignatures(store, policy),
    summaries: await refreshSummaries(store, policy),
    rosterPreview: await upgradeKind(store, 'rosterPreview'),
    correctionRequest: await upgradeKind(store, 'correctionRequest'),
    inboxMessage: await upgradeKind(store, 'inboxMessage'),
    outboxEvent: await upgradeKind(store, 'outboxEvent'),
    audit: await upgradeKind(store, 'audit'),
  }
}
