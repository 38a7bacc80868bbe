/**
 * The enterprise's stability work (维稳方案, plan 五（一）): its incident log, which the office reads,
 * and the designation of its stability contact (维稳联系人) among its own operators.
 */
import { AppError } from '../../../shared/AppError'
import { incidentItem, incidentProblem, type IncidentEntry, type IncidentListView } from '../../../shared/IncidentLog'
import { redactPersonalData } from '../../../shared/Mask'
import type { EnterprisePlan } from '../../../shared/Workstreams'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'

/** Entries per incident.list page. Our own named limit. */
export const INCIDENT_PAGE = 50

async function list(ctx: Ctx, enterpriseId: string, after?: string): Promise<IncidentListView> {
  const page = await ctx.store.listDocs('incidentEntry', { enterpriseId }, { limit: INCIDENT_PAGE, after })
  return { enterpriseId, items: page.items.map(incidentItem), nextCursor: page.nextCursor }
}

/** A plan with nothing filled in yet: designating the contact comes before writing the plans, or after. */
function emptyPlan(enterpriseId: string): EnterprisePlan {
  return { id: enterpriseId, version: 0, transferPlanOn: null, stabilityPlanOn: null, stabilityContact: null, noticePublishedOn: null, feedbackClosedOn: null, transferPlan: null, stabilityPlan: null, stabilityContactUserId: null }
}

export const stabilityHandlers: Pick<Handlers, 'incident.add' | 'incident.list' | 'plan.setStabilityContact'> = {
  async 'incident.add'(ctx, input) {
    const problem = incidentProblem(input, ctx.today)
    if (problem) throw new AppError('BAD_REQUEST', problem, { fields: [input.kind === 'groupComplaint' && input.people < 2 ? 'people' : 'happenedOn'] })
    const entry: IncidentEntry = {
      id: `incident-${ctx.newId()}`,
      version: 1,
      enterpriseId: ctx.user.orgId,
      kind: input.kind,
      happenedOn: input.happenedOn,
      people: input.people,
      summary: redactPersonalData(input.summary),
      recordedBy: { userId: ctx.user.id, role: ctx.user.role },
      recordedAt: ctx.now.toISOString(),
    }
    const audit = auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'incident.add', caseId: null, outcome: 'done', changes: [{ field: `incident:${entry.id}`, before: null, after: entry.kind }] })
    await ctx.store.commit({ docs: [{ kind: 'incidentEntry', next: entry, expectedVersion: null }], audit: [audit] })
    return list(ctx, ctx.user.orgId)
  },

  async 'incident.list'(ctx, input) {
    // The office reads any enterprise's log; an enterprise only its own.
    if (ctx.user.role === 'supervisor' && !input.enterpriseId) throw new AppError('BAD_REQUEST', '请选择企业。', { fields: ['enterpriseId'] })
    return list(ctx, ctx.user.role === 'supervisor' ? (input.enterpriseId ?? '') : ctx.user.orgId, input.after)
  },

  async 'plan.setStabilityContact'(ctx, input) {
    const contact = await ctx.store.getUser(input.userId)
    if (!contact || contact.role !== 'enterpriseOperator' || contact.orgId !== ctx.user.orgId) {
      throw new AppError('BAD_REQUEST', '维稳联系人要是本企业的经办人：请先由领导小组办公室邀请他加入，再指定。', { fields: ['userId'] })
    }
    const existing = await ctx.store.getDoc('enterprisePlan', ctx.user.orgId)
    const base = existing ?? emptyPlan(ctx.user.orgId)
    // The plan's written contact line (name and phone, for the office's call list) stays as the enterprise wrote it.
    const next: EnterprisePlan = { ...base, version: base.version + 1, stabilityContactUserId: contact.id }
    const audit = auditEntry(ctx, { user: ctx.user, now: ctx.now, action: 'plan.setStabilityContact', caseId: null, outcome: 'done', changes: [{ field: 'stabilityContactUserId', before: base.stabilityContactUserId, after: contact.id }] })
    await ctx.store.commit({ docs: [{ kind: 'enterprisePlan', next, expectedVersion: existing?.version ?? null }], audit: [audit] })
    return next
  },
}
