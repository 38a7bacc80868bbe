/**
 * Attempt limits that parallel calls cannot race past: the counter is incremented first, and the
 * attempt is refused when the new value is over the limit (shared/AttemptLimits.ts).
 */
import { AppError } from '../../../shared/AppError'
import type { AuditEntry } from '../../../shared/AuditEntry'
import type { Deps } from '../router'

/** Counts one attempt against `key`; refuses it (RATE_LIMITED) when that is one over `limit`. Returns the attempts left after this one. */
export async function spendAttempt(ctx: Deps, key: string, limit: number, refusal: string): Promise<number> {
  const used = await ctx.store.incrementCounter(key)
  if (used > limit) throw new AppError('RATE_LIMITED', refusal)
  return limit - used
}

/** Gives back an attempt that turned out right (for limits that count wrong attempts only). */
export async function refundAttempt(ctx: Deps, key: string): Promise<void> {
  await ctx.store.incrementCounter(key, -1)
}

/** Audits a refused attempt by a caller who has no user yet (a guest typing a code). */
export async function auditGuestRefusal(ctx: Deps & { callerId: string; now: Date }, action: string, caseId: string | null): Promise<void> {
  const entry: AuditEntry = { id: ctx.newId(), at: ctx.now.toISOString(), actor: { userId: ctx.callerId, role: 'anonymous' }, action, caseId, outcome: 'refused', changes: [] }
  await ctx.store.commit({ audit: [entry] })
}
