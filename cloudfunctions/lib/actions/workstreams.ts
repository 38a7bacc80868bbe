/** The enterprise's asset registry and plan record (the expense ledger: ./expenses.ts). */
import { AppError } from '../../../shared/AppError'
import { sameTransition } from '../../../shared/ExpenseLedger'
import { enterpriseTransition, transitionProblem } from '../../../shared/ExpenseRules'
import type { Asset, EnterprisePlan } from '../../../shared/Workstreams'
import { ASSET_STATE_NAMES, assetProblem, assetRow, assetState, type AssetListView } from '../../../shared/AssetTransfer'
import { chinaDateOf } from '../../../shared/ChinaTime'
import { planProblem } from '../../../shared/HandoverPlans'
import { storeUnitNamer } from '../../../shared/UnitNames'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { ledgerDoc } from './expenses'

function audit(ctx: Ctx, action: 'assets.save' | 'expenses.save' | 'plan.save', caseId: string | null, field: string, after: string) {
  return auditEntry(ctx, { user: ctx.user, now: ctx.now, action, caseId, outcome: 'done', changes: [{ field, before: null, after }] })
}

/** Records per assets.list / expenses.list page (one store read). Our own named limit. */
export const LEDGER_PAGE = 200

/** The assets a user may see: the enterprise its own, a receiving community those coming to it, the office all or one enterprise's. */
async function assets(ctx: Ctx, input: { enterpriseId?: string; after?: string }): Promise<AssetListView> {
  const { role, orgId } = ctx.user
  const filter = role === 'supervisor' ? (input.enterpriseId ? { enterpriseId: input.enterpriseId } : {}) : role === 'communityAdmin' ? { communityId: orgId } : { enterpriseId: orgId }
  const page = await ctx.store.listDocs('asset', filter, { limit: LEDGER_PAGE, after: input.after })
  const today = chinaDateOf(ctx.now)
  const name = await storeUnitNamer(ctx.store, ctx.policy)
  const names = (a: Asset) => ({ enterpriseName: name({ kind: 'enterprise', orgId: a.enterpriseId }), communityName: name({ kind: 'community', orgId: a.communityId }) })
  return { items: page.items.map((a) => assetRow(a, ctx.policy.assetDeadline, today, names(a))), nextCursor: page.nextCursor, deadline: ctx.policy.assetDeadline, today }
}

/** The stored version an update must name, or null for a new record. */
export async function guard<K extends 'asset' | 'expenseItem'>(ctx: Ctx, kind: K, id: string | undefined, expectedVersion: number | undefined) {
  if (id === undefined) return null
  const existing = await ctx.store.getDoc(kind, id)
  if (!existing || existing.enterpriseId !== ctx.user.orgId) throw new AppError('NOT_FOUND', '没有找到这条记录。')
  if (existing.version !== expectedVersion) throw new AppError('CONFLICT')
  return existing
}

export const workstreamHandlers: Pick<Handlers, 'assets.list' | 'assets.save' | 'plan.get' | 'plan.save'> = {
  'assets.list': (ctx, input) => assets(ctx, input),

  async 'assets.save'(ctx, input) {
    const existing = await guard(ctx, 'asset', input.id, input.expectedVersion)
    if (!(await ctx.store.getCommunity(input.asset.communityId))) throw new AppError('BAD_REQUEST', '没有找到接收资产的社区。', { fields: ['communityId'] })
    const problem = assetProblem(input.asset, existing, chinaDateOf(ctx.now))
    if (problem) throw new AppError('BAD_REQUEST', problem.message, { fields: [problem.field] })
    const next: Asset = { ...input.asset, id: existing?.id ?? `asset-${ctx.newId()}`, enterpriseId: ctx.user.orgId, version: (existing?.version ?? 0) + 1 }
    await ctx.store.commit({ docs: [{ kind: 'asset', next, expectedVersion: existing?.version ?? null }], audit: [audit(ctx, 'assets.save', null, `asset:${next.id}`, ASSET_STATE_NAMES[assetState(next)])] })
    return assets(ctx, {})
  },

  async 'plan.get'(ctx, input) {
    // The office reads any enterprise's plans; an enterprise only its own.
    return ctx.store.getDoc('enterprisePlan', ctx.user.role === 'supervisor' ? (input.enterpriseId ?? '') : ctx.user.orgId)
  },

  async 'plan.save'(ctx, input) {
    const existing = await ctx.store.getDoc('enterprisePlan', ctx.user.orgId)
    if ((existing?.version ?? undefined) !== input.expectedVersion) throw new AppError('CONFLICT')
    const planIssue = planProblem(input.plan)
    if (planIssue) throw new AppError('BAD_REQUEST', planIssue.message, { fields: [planIssue.field] })
    // A form that does not show the transition keeps it as it was.
    const startsOn = input.plan.transitionStartsOn === undefined ? (existing?.transitionStartsOn ?? null) : input.plan.transitionStartsOn
    const endsOn = input.plan.transitionEndsOn === undefined ? (existing?.transitionEndsOn ?? null) : input.plan.transitionEndsOn
    const problem = transitionProblem(ctx.policy.expenseRules, startsOn, endsOn)
    if (problem) throw new AppError('BAD_REQUEST', problem, { fields: ['transitionEndsOn'] })
    // The stability contact is designated on its own (plan.setStabilityContact): saving the plans keeps it.
    const next: EnterprisePlan = { ...input.plan, transitionStartsOn: startsOn, transitionEndsOn: endsOn, id: ctx.user.orgId, version: (existing?.version ?? 0) + 1, stabilityContactUserId: existing?.stabilityContactUserId ?? null }
    const ledger = await ctx.store.getDoc('expenseLedger', ctx.user.orgId)
    // Every item was sorted (before, during or after the transition) by the dates it was recorded under: once there is one, they stay.
    const moved = startsOn !== (existing?.transitionStartsOn ?? null) || endsOn !== (existing?.transitionEndsOn ?? null)
    if (moved && (await ctx.store.listDocs('expenseItem', { enterpriseId: ctx.user.orgId }, { limit: 1 })).items.length > 0) {
      throw new AppError('CONFLICT', '已经按现在的过渡期登记了统筹外费用，过渡期的起止日期不能再改。', { fields: ['transitionStartsOn'] })
    }
    if (ledger && ledger.yearlyFen.length > 0 && !sameTransition(ledger.transition, enterpriseTransition(ctx.policy.expenseRules, next))) {
      throw new AppError('CONFLICT', '已经按现在的过渡期登记了过渡期内退休人员的统筹外费用，过渡期的起止日期不能再改。', { fields: ['transitionStartsOn'] })
    }
    // The ledger goes into the same commit (its version moved), so an item added meanwhile under the old transition makes this a conflict.
    const transition = ledger && ledger.yearlyFen.length > 0 ? ledger.transition : enterpriseTransition(ctx.policy.expenseRules, next)
    const guard = ledgerDoc(ctx, ledger, { transition, yearlyFen: ledger?.yearlyFen ?? [], accruals: ledger?.accruals ?? [] })
    await ctx.store.commit({ docs: [{ kind: 'enterprisePlan', next, expectedVersion: existing?.version ?? null }, guard], audit: [audit(ctx, 'plan.save', null, 'enterprisePlan', `v${next.version}`)] })
    return next
  },
}
