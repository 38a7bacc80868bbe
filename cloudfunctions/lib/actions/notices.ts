/**
 * The grid worker's record of a printed notice's delivery (api function): handed over, left at
 * the door, or nobody there. It writes the case's reach document (shared/Reachability, which the
 * board's reachability figures read) and its audit entry in one commit.
 */
import { emptyReach, withPrintedDelivery } from '../../../shared/Reachability'
import { auditEntry } from '../audit'
import type { Handlers } from '../router'
import { loadCase } from './common'

export const noticeHandlers: Pick<Handlers, 'notice.recordDelivery'> = {
  async 'notice.recordDelivery'(ctx, input) {
    const c = await loadCase(ctx, input.caseId, 'notice.recordDelivery')
    const stored = await ctx.store.getDoc('caseReach', c.id)
    // As r-sms's recordPrintedDelivery writes it (cloudfunctions/lib/reachability.ts), with the audit entry in the same commit.
    const base = { ...(stored ?? emptyReach(c, ctx.now)), communityId: c.summary.receivingCommunityId, enterpriseId: c.enterpriseId }
    const next = { ...withPrintedDelivery(base, input.outcome, ctx.now), version: (stored?.version ?? 0) + 1 }
    await ctx.store.commit({
      docs: [{ kind: 'caseReach', next, expectedVersion: stored?.version ?? null }],
      audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'notice.recordDelivery', caseId: c.id, outcome: 'done', changes: [{ field: 'printed.outcome', before: stored?.printed?.outcome ?? null, after: input.outcome }] })],
    })
    return { caseId: c.id, outcome: input.outcome, at: ctx.now.toISOString() }
  },
}
