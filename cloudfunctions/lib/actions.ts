/** The handlers of the API contract (shared/Api.ts). Each one: jurisdiction, domain, persist, audit. */
import { AppError } from '../../shared/AppError'
import { canAccessCase, caseScope, mayRecordStep, SEES_FULL_PHONE } from '../../shared/Authorization'
import type { RetireeCase } from '../../shared/Case'
import { caseChanges } from '../../shared/CaseChanges'
import { allowedSteps, caseHistory, caseListItem, myCaseView, stageViews } from '../../shared/CaseViews'
import { recordStep } from '../../shared/CaseState'
import { maskPhone } from '../../shared/Mask'
import type { CaseQuery } from '../../shared/ports/Store'
import type { CaseDetailView } from '../../shared/Views'
import type { ActionName } from '../../shared/Api'
import { auditEntry } from './audit'
import type { Ctx, Handlers } from './router'

/** City-wide bodies that are not enterprises or communities. */
export const BUREAU_NAMES: Record<string, string> = {
  archives: '市档案局',
  party: '市委组织部',
  office: '领导小组办公室',
}

async function orgName(ctx: Ctx): Promise<string> {
  const { role, orgId } = ctx.user
  if (role === 'enterpriseOperator') return (await ctx.store.getEnterprise(orgId))?.name ?? ''
  if (role === 'gridWorker' || role === 'communityAdmin') return (await ctx.store.getCommunity(orgId))?.name ?? ''
  return BUREAU_NAMES[orgId] ?? ''
}

/** Loads a case the caller may see; refusals are audited. */
async function loadCase(ctx: Ctx, caseId: string | undefined, action: ActionName): Promise<RetireeCase> {
  const c = caseId ? await ctx.store.getCase(caseId) : null
  if (!c) throw new AppError('NOT_FOUND', '没有找到这位退休人员的移交信息。', caseId ? { caseId } : {})
  if (!canAccessCase(ctx.user, c)) {
    await ctx.store.commit({ audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action, caseId: c.id, outcome: 'refused' })] })
    throw new AppError('FORBIDDEN', '这位退休人员不在您的管辖范围内。', { caseId: c.id, action })
  }
  return c
}

async function detail(ctx: Ctx, c: RetireeCase): Promise<CaseDetailView> {
  const [enterprise, community] = await Promise.all([ctx.store.getEnterprise(c.enterpriseId), ctx.store.getCommunity(c.summary.receivingCommunityId)])
  return {
    case: caseListItem(ctx.policy, c, ctx.today),
    phone: SEES_FULL_PHONE[ctx.user.role] ? c.person.phone : maskPhone(c.person.phone),
    enterpriseName: enterprise?.name ?? '',
    receivingCommunityName: community?.name ?? '',
    stages: stageViews(ctx.policy, c, ctx.today),
    history: caseHistory(c),
    allowedSteps: allowedSteps(ctx.policy, c, ctx.user.role),
  }
}

export const handlers: Handlers = {
  async 'session.me'(ctx) {
    return { userId: ctx.user.id, role: ctx.user.role, name: ctx.user.name, orgName: await orgName(ctx), today: ctx.today }
  },

  async 'case.myStatus'(ctx) {
    const c = await loadCase(ctx, ctx.user.caseId, 'case.myStatus')
    return myCaseView(ctx.policy, c, ctx.today)
  },

  async 'case.list'(ctx, input) {
    const scope = caseScope(ctx.user)
    const query: CaseQuery = { limit: input.limit ?? 20, after: input.after, currentStage: input.stage }
    if (scope.kind === 'community') query.receivingCommunityId = scope.communityId
    if (scope.kind === 'enterprise') query.enterpriseId = scope.enterpriseId
    if (scope.kind === 'case') throw new AppError('FORBIDDEN')
    const page = await ctx.store.listCases(query)
    return { items: page.items.map((c) => caseListItem(ctx.policy, c, ctx.today)), nextCursor: page.nextCursor }
  },

  async 'case.get'(ctx, input) {
    return detail(ctx, await loadCase(ctx, input.caseId, 'case.get'))
  },

  async 'case.recordStep'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'case.recordStep')
    if (!mayRecordStep(ctx.user.role, input.step.type)) {
      await ctx.store.commit({ audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'case.recordStep', caseId: c.id, outcome: 'refused' })] })
      throw new AppError('FORBIDDEN', '这一步不归您办理。', { caseId: c.id, action: input.step.type })
    }
    if (c.version !== input.expectedVersion) throw new AppError('CONFLICT', undefined, { caseId: c.id })
    const next = recordStep(ctx.policy, c, input.step, { userId: ctx.user.id, role: ctx.user.role }, ctx.now, ctx.newId())
    await ctx.store.commit({
      cases: [{ next, expectedVersion: c.version }],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'case.recordStep', caseId: c.id, outcome: 'done', changes: caseChanges(c, next) })],
    })
    return detail(ctx, next)
  },
}
