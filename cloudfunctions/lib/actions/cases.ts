import { AppError } from '../../../shared/AppError'
import { caseScope, mayRecordStep, stepRefusal, WORKFLOW_STEPS } from '../../../shared/Authorization'
import { caseListItem, myCaseView } from '../../../shared/CaseViews'
import { identityVerified, recordStep } from '../../../shared/CaseState'
import type { RetireeCase } from '../../../shared/Case'
import { MAX_PAGE, type CaseQuery } from '../../../shared/ports/Store'
import { bandEnds, queueBand, queueTotals } from '../../../shared/WorkQueue'
import type { Handlers } from '../router'
import { recordOpening } from '../reachability'
import { auditRefusal, caseDetail, commitCase, expectVersion, loadCase, orgName, ownCase, stageContacts } from './common'

/**
 * Store pages (of up to MAX_PAGE cases) one case.list request may read. WeChat documents no time
 * per read, so this is our own named limit: two reads of 1000 keep a request well inside a
 * function's run time.
 */
export const CASE_SCAN_PAGES = 2

export const caseHandlers: Pick<Handlers, 'session.me' | 'case.myStatus' | 'case.list' | 'case.queue' | 'case.get' | 'case.recordStep'> = {
  async 'session.me'(ctx) {
    await recordOpening(ctx.store, ctx.user, ctx.now)
    return { userId: ctx.user.id, role: ctx.user.role, name: ctx.user.name, orgName: await orgName(ctx), today: ctx.today }
  },

  async 'case.myStatus'(ctx) {
    const c = await ownCase(ctx, 'case.myStatus')
    return myCaseView(ctx.policy, c, ctx.today, await stageContacts(ctx, c))
  },

  /**
   * A staff member's work queue: the cases of their jurisdiction, by stage, and (filtered here)
   * overdue, not yet seen in person, or by name. Pages continue after the last case id. One
   * request reads at most CASE_SCAN_PAGES store pages: a filter that matches few cases returns
   * what it found so far and a cursor to go on from.
   */
  async 'case.list'(ctx, input) {
    const scope = caseScope(ctx.user)
    if (scope.kind === 'case') throw new AppError('FORBIDDEN')
    const limit = input.limit ?? 20
    const filtered = input.overdue === true || input.unverified === true || Boolean(input.name)
    const query: CaseQuery = { limit: filtered ? MAX_PAGE : limit, after: input.after, currentStage: input.stage }
    if (scope.kind === 'community') query.receivingCommunityId = scope.communityId
    if (scope.kind === 'enterprise') query.enterpriseId = scope.enterpriseId
    if (scope.kind === 'city' && input.enterpriseId) query.enterpriseId = input.enterpriseId
    const wanted = (c: RetireeCase) =>
      (!input.overdue || (c.summary.nextDeadline !== null && c.summary.nextDeadline < ctx.today)) &&
      (!input.unverified || (c.summary.inScope && !c.summary.done && !identityVerified(c))) &&
      (!input.name || c.person.name.includes(input.name))
    const items: RetireeCase[] = []
    const done = (nextCursor: string | null) => ({ items: items.map((c) => caseListItem(ctx.policy, c, ctx.today)), nextCursor })
    for (let pages = 0; pages < CASE_SCAN_PAGES; pages++) {
      const page = await ctx.store.listCases(query)
      for (const c of page.items) {
        if (wanted(c)) items.push(c)
        if (items.length === limit) return done(c.id)
      }
      if (!page.nextCursor) return done(null)
      query.after = page.nextCursor
    }
    return done(query.after ?? null)
  },

  /**
   * A community's work queue: one group (open by default: overdue first, then by next deadline),
   * page by page from the store's queue index, with the true totals per band on the first page.
   */
  async 'case.queue'(ctx, input) {
    const scope = caseScope(ctx.user)
    if (scope.kind !== 'community') throw new AppError('FORBIDDEN')
    const group = input.group ?? 'open'
    const page = await ctx.store.listQueue({ receivingCommunityId: scope.communityId, group, limit: input.limit ?? 20, after: input.after })
    const totals = input.after === undefined ? queueTotals(await ctx.store.countQueue(scope.communityId, bandEnds(ctx.today))) : null
    const items = page.items.map((c) => ({ ...caseListItem(ctx.policy, c, ctx.today), band: group === 'open' ? queueBand(c.summary.nextDeadline, ctx.today) : null }))
    return { group, totals, items, nextCursor: page.nextCursor }
  },

  async 'case.get'(ctx, input) {
    return caseDetail(ctx, await loadCase(ctx, input.caseId, 'case.get'), true)
  },

  async 'case.recordStep'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'case.recordStep')
    const viaWorkflow = WORKFLOW_STEPS[input.step.type]
    if (viaWorkflow) throw new AppError('BAD_REQUEST', viaWorkflow, { caseId: c.id, action: input.step.type })
    if (!mayRecordStep(ctx.user.role, input.step.type)) {
      await auditRefusal(ctx, 'case.recordStep', c.id)
      throw new AppError('FORBIDDEN', '这一步不归您办理。', { caseId: c.id, action: input.step.type })
    }
    const refusal = stepRefusal(ctx.user, input.step)
    if (refusal) {
      await auditRefusal(ctx, 'case.recordStep', c.id)
      throw new AppError(refusal.code, refusal.message, { caseId: c.id, action: input.step.type })
    }
    expectVersion(c, input.expectedVersion)
    const next = recordStep(ctx.policy, c, input.step, { userId: ctx.user.id, role: ctx.user.role }, ctx.now, ctx.newId())
    await commitCase(ctx, 'case.recordStep', c, next)
    return caseDetail(ctx, next)
  },
}
