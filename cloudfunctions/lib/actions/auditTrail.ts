/**
 * The audit trail for the supervisor (issue 10): every action and every view of personal data on
 * one case, or what one member of staff did over a range of China dates, 50 entries a page. The
 * supervisor's own reading of a trail is audited too (its first page, so paging on adds nothing).
 */
import type { AuditEntry, FieldChange } from '../../../shared/AuditEntry'
import { AUDIT_TRAIL_PAGE, auditTrailItem, chinaDateRange, type AuditTrailItem } from '../../../shared/AuditTrail'
import type { AuditQuery } from '../../../shared/ports/Store'
import { auditEntry } from '../audit'
import type { Ctx, Deps, Handlers } from '../router'

/** Which trail an input asks for, as a store query (a staff range of China dates as UTC instants). */
export function trailQuery(input: { caseId: string } | { userId: string; from: string; to: string }): AuditQuery {
  return 'caseId' in input ? { caseId: input.caseId } : { actorUserId: input.userId, ...chinaDateRange(input.from, input.to) }
}

/** The entries as the trail shows them, each actor's name looked up once. */
export async function trailItems(ctx: Deps, entries: AuditEntry[]): Promise<AuditTrailItem[]> {
  const ids = [...new Set(entries.map((e) => e.actor.userId))]
  const users = await Promise.all(ids.map((id) => ctx.store.getUser(id)))
  const names = new Map(users.flatMap((u) => (u ? [[u.id, u.name] as [string, string]] : [])))
  return entries.map((e) => auditTrailItem(e, names))
}

/** The supervisor's reading of a trail, audited: the case, or the member of staff and the dates. */
export async function auditTrailRead(ctx: Ctx, action: 'audit.case' | 'audit.staff' | 'export.audit', query: AuditQuery, rows?: number): Promise<void> {
  const changes: FieldChange[] = 'caseId' in query ? [] : [{ field: 'staff', before: null, after: `${query.actorUserId} ${query.from}/${query.to}` }]
  if (rows !== undefined) changes.push({ field: 'rows', before: null, after: String(rows) })
  await ctx.store.commit({ audit: [auditEntry(ctx, { user: ctx.user, now: ctx.now, action, caseId: 'caseId' in query ? query.caseId : null, outcome: 'done', changes })] })
}

async function trailPage(ctx: Ctx, action: 'audit.case' | 'audit.staff', query: AuditQuery, after: string | undefined) {
  const page = await ctx.store.listAuditPage(query, { limit: AUDIT_TRAIL_PAGE, after })
  const items = await trailItems(ctx, page.items)
  if (after === undefined) await auditTrailRead(ctx, action, query)
  return { items, nextCursor: page.nextCursor }
}

export const auditTrailHandlers: Pick<Handlers, 'audit.case' | 'audit.staff'> = {
  async 'audit.case'(ctx, input) {
    return trailPage(ctx, 'audit.case', trailQuery(input), input.after)
  },

  async 'audit.staff'(ctx, input) {
    return trailPage(ctx, 'audit.staff', trailQuery(input), input.after)
  },
}
