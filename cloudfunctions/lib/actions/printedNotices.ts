/**
 * The grid worker's record of a printed notice's delivery (api function): handed over, left at
 * the door, or nobody there. It writes the case's reach document (shared/Reachability, which the
 * board's reachability figures read) and its audit entry in one commit.
 */
import { AppError } from '../../../shared/AppError'
import { withPrintedDelivery } from '../../../shared/Reachability'
import { auditEntry } from '../audit'
import { reachChange } from '../reachability'
import type { Handlers } from '../router'
import { loadCase } from './common'

export const printedNoticeHandlers: Pick<Handlers, 'notice.recordDelivery'> = {
  async 'notice.recordDelivery'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'notice.recordDelivery')
    const before = (await ctx.store.getDoc('caseReach', c.id))?.printed?.outcome ?? null
    // The write recordPrintedDelivery makes (cloudfunctions/lib/reachability.ts), here with the audit entry in the same commit.
    const doc = await reachChange(ctx.store, c.id, (reach) => withPrintedDelivery(reach, input.outcome, ctx.now), ctx.now)
    if (!doc) throw new AppError('NOT_FOUND', '没有找到这位退休人员的移交信息。', { caseId: c.id })
    await ctx.store.commit({
      docs: [doc],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'notice.recordDelivery', caseId: c.id, outcome: 'done', changes: [{ field: 'printed.outcome', before, after: input.outcome }] })],
    })
    return { caseId: c.id, outcome: input.outcome, at: ctx.now.toISOString() }
  },
}
