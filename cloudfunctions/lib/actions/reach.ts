/**
 * Reachability on the board (issue 14 point 3): one unit's shares by channel, and for a grid
 * worker the people of their community reachable by no channel, to visit first; people out of the
 * hand-over's scope are not counted (reachabilityOf leaves them out). Both read one unit's cases
 * and reach documents through declared indexes, at most REACH_SCAN_PAGES pages.
 */
import { AppError } from '../../../shared/AppError'
import { reachShares } from '../../../shared/Reachability'
import type { Handlers } from '../router'
import { reachabilityOf } from '../reachability'

/** People per page of the list to visit first. */
export const UNREACHED_PAGE = 50

export const reachHandlers: Pick<Handlers, 'reach.shares' | 'reach.unreached'> = {
  async 'reach.shares'(ctx, input) {
    const own = ctx.user.role === 'enterpriseOperator' ? { side: 'enterprise' as const, orgId: ctx.user.orgId } : ctx.user.role === 'supervisor' ? null : { side: 'community' as const, orgId: ctx.user.orgId }
    const side = own?.side ?? input.side
    const orgId = own?.orgId ?? input.orgId
    if (!orgId) throw new AppError('BAD_REQUEST', '请选择企业或社区。')
    const result = await reachabilityOf(ctx.store, side === 'enterprise' ? { enterpriseId: orgId } : { communityId: orgId }, ctx.now)
    return reachShares(orgId, result.cases.map((c) => c.reachedBy), result.partial)
  },

  async 'reach.unreached'(ctx, input) {
    const communityId = ctx.user.orgId
    const result = await reachabilityOf(ctx.store, { communityId }, ctx.now)
    const unreached = result.cases.filter((c) => c.reachedBy === 'none').sort((a, b) => (a.caseId < b.caseId ? -1 : 1))
    const from = input.after ? unreached.findIndex((c) => c.caseId > input.after!) : 0
    const page = from < 0 ? [] : unreached.slice(from, from + UNREACHED_PAGE)
    return {
      community: reachShares(communityId, result.cases.map((c) => c.reachedBy), result.partial),
      items: page.map((c) => ({ caseId: c.caseId, name: c.name, reason: c.reason, printed: c.printed })),
      nextCursor: from >= 0 && from + UNREACHED_PAGE < unreached.length ? page[page.length - 1].caseId : null,
    }
  },
}
