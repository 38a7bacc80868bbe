/**
 * The progress board (督导检查): the office's whole board, each unit's own standing, and the cases
 * behind any figure. Figures come from the store's maintained counts, never from a scan.
 */
import { AppError } from '../../../shared/AppError'
import { caseScope } from '../../../shared/Authorization'
import { boardView, ownStandingView, ownUnit, unitPrefix } from '../../../shared/Board'
import { storeUnitNamer } from '../../../shared/UnitNames'
import { unitRangeFigures } from '../notify/snapshots'
import { caseListItem } from '../../../shared/CaseViews'
import type { CaseQuery } from '../../../shared/ports/Store'
import type { Handlers } from '../router'

/** Cases per drill-down page. */
export const BOARD_PAGE = 20

export const boardHandlers: Pick<Handlers, 'board.overview' | 'board.mine' | 'board.cases'> = {
  async 'board.overview'(ctx) {
    // The two unit ranges: late completions by day are not read.
    const [figures, name] = await Promise.all([unitRangeFigures(ctx.store), storeUnitNamer(ctx.store, ctx.policy)])
    return boardView(ctx.policy, figures, ctx.today, name)
  },

  async 'board.mine'(ctx) {
    const unit = ownUnit(ctx.user.role, ctx.user.orgId)
    if (unit === null) throw new AppError('FORBIDDEN')
    const [figures, names] = await Promise.all([ctx.store.readFigures(unitPrefix(unit)), storeUnitNamer(ctx.store, ctx.policy)])
    return ownStandingView(ctx.policy, figures, ctx.today, unit, names)
  },

  /**
   * The cases behind one figure, masked, page by page. The unit comes from the caller's own
   * jurisdiction unless they work city-wide; overdue is open past the stage's deadline.
   */
  async 'board.cases'(ctx, input) {
    const scope = caseScope(ctx.user)
    const query: CaseQuery = { limit: BOARD_PAGE, after: input.after, stage: { id: input.stage, state: input.state === 'overdue' ? 'open' : input.state } }
    if (scope.kind === 'case') throw new AppError('FORBIDDEN')
    if (scope.kind === 'enterprise') query.enterpriseId = scope.enterpriseId
    else if (scope.kind === 'community') query.receivingCommunityId = scope.communityId
    else if (input.side !== 'city') {
      if (!input.orgId) throw new AppError('BAD_REQUEST', '请选择企业或社区。')
      if (input.side === 'enterprise') query.enterpriseId = input.orgId
      else query.receivingCommunityId = input.orgId
    }
    const page = await ctx.store.listCases(query)
    // Overdue: open past the case's own deadline (a new retiree's counts from the day the case opened), as the figures count it.
    const overdue = (c: (typeof page.items)[number]) => {
      const deadline = c.summary.stages[input.stage]?.deadline ?? null
      return deadline !== null && deadline < ctx.today
    }
    const items = input.state === 'overdue' ? page.items.filter(overdue) : page.items
    return { items: items.map((c) => caseListItem(ctx.policy, c, ctx.today)), nextCursor: page.nextCursor }
  },
}
