import { AppError } from '../../../shared/AppError'
import { caseScope, mayRecordStep } from '../../../shared/Authorization'
import { caseListItem, myCaseView } from '../../../shared/CaseViews'
import { recordStep } from '../../../shared/CaseState'
import type { CaseQuery } from '../../../shared/ports/Store'
import type { Handlers } from '../router'
import { auditRefusal, caseDetail, commitCase, expectVersion, loadCase, orgName, ownCase, stageContacts } from './common'

export const caseHandlers: Pick<Handlers, 'session.me' | 'case.myStatus' | 'case.list' | 'case.get' | 'case.recordStep'> = {
  async 'session.me'(ctx) {
    return { userId: ctx.user.id, role: ctx.user.role, name: ctx.user.name, orgName: await orgName(ctx), today: ctx.today }
  },

  async 'case.myStatus'(ctx) {
    const c = await ownCase(ctx, 'case.myStatus')
    return myCaseView(ctx.policy, c, ctx.today, await stageContacts(ctx, c))
  },

  async 'case.list'(ctx, input) {
    const scope = caseScope(ctx.user)
    if (scope.kind === 'case') throw new AppError('FORBIDDEN')
    const query: CaseQuery = { limit: input.limit ?? 20, after: input.after, currentStage: input.stage }
    if (scope.kind === 'community') query.receivingCommunityId = scope.communityId
    if (scope.kind === 'enterprise') query.enterpriseId = scope.enterpriseId
    const page = await ctx.store.listCases(query)
    return { items: page.items.map((c) => caseListItem(ctx.policy, c, ctx.today)), nextCursor: page.nextCursor }
  },

  async 'case.get'(ctx, input) {
    return caseDetail(ctx, await loadCase(ctx, input.caseId, 'case.get'))
  },

  async 'case.recordStep'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'case.recordStep')
    if (!mayRecordStep(ctx.user.role, input.step.type)) {
      await auditRefusal(ctx, 'case.recordStep', c.id)
      throw new AppError('FORBIDDEN', '这一步不归您办理。', { caseId: c.id, action: input.step.type })
    }
    expectVersion(c, input.expectedVersion)
    const next = recordStep(ctx.policy, c, input.step, { userId: ctx.user.id, role: ctx.user.role }, ctx.now, ctx.newId())
    await commitCase(ctx, 'case.recordStep', c, next)
    return caseDetail(ctx, next)
  },
}
