/** 在本社区居住的外社区人员 (plan 四（六）): the residence community's list and the services it records. */
import { AppError } from '../../../shared/AppError'
import { servesAsResidence } from '../../../shared/Authorization'
import { recordService, residentItem } from '../../../shared/Residence'
import type { Handlers } from '../router'
import { auditRefusal, commitCase, expectVersion, loadCase } from './common'

export const residenceHandlers: Pick<Handlers, 'residence.list' | 'residence.recordService'> = {
  /** Served here, received elsewhere, by case id, page by page (the store's residence index). */
  async 'residence.list'(ctx, input) {
    const community = ctx.user.orgId
    const page = await ctx.store.listCases({ residentOf: community, limit: input.limit ?? 20, after: input.after })
    const names = new Map((await ctx.store.listCommunities()).map((c) => [c.id, c]))
    return { items: page.items.map((c) => residentItem(ctx.policy, c, community, names.get(c.summary.receivingCommunityId) ?? null)), nextCursor: page.nextCursor }
  },

  async 'residence.recordService'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'residence.recordService', true)
    // The receiving community's own staff manage the person through the hand-over steps, not here.
    if (!servesAsResidence(ctx.user, c)) {
      await auditRefusal(ctx, 'residence.recordService', c.id)
      throw new AppError('FORBIDDEN', '这里只登记居住在本社区的外社区人员的服务。', { caseId: c.id })
    }
    expectVersion(c, input.expectedVersion)
    const next = recordService(ctx.policy, c, input, ctx.user, ctx.now, ctx.newId())
    await commitCase(ctx, 'residence.recordService', c, next)
    return residentItem(ctx.policy, next, ctx.user.orgId, await ctx.store.getCommunity(next.summary.receivingCommunityId))
  },
}
