/** The enterprise's asset registry, out-of-pool expense ledger (with the plan's rules) and plan record. */
import { AppError } from '../../../shared/AppError'
import { checkExpense, type Asset, type EnterprisePlan, type ExpenseItem } from '../../../shared/Workstreams'
import { ASSET_STATE_NAMES, assetProblem, assetRow, assetState, type AssetListView } from '../../../shared/AssetTransfer'
import { chinaDateOf } from '../../../shared/ChinaTime'
import { planProblem } from '../../../shared/HandoverPlans'
import { storeUnitNamer } from '../../../shared/UnitNames'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { loadCase } from './common'

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

async function expenses(ctx: Ctx, caseId?: string, after?: string) {
  const filter = { ...(ctx.user.role === 'supervisor' ? {} : { enterpriseId: ctx.user.orgId }), ...(caseId ? { caseId } : {}) }
  return ctx.store.listDocs('expenseItem', filter, { limit: LEDGER_PAGE, after })
}

/** The stored version an update must name, or null for a new record. */
async function guard<K extends 'asset' | 'expenseItem'>(ctx: Ctx, kind: K, id: string | undefined, expectedVersion: number | undefined) {
  if (id === undefined) return null
  const existing = await ctx.store.getDoc(kind, id)
  if (!existing || existing.enterpriseId !== ctx.user.orgId) throw new AppError('NOT_FOUND', '没有找到这条记录。')
  if (existing.version !== expectedVersion) throw new AppError('CONFLICT')
  return existing
}

export const workstreamHandlers: Pick<Handlers, 'assets.list' | 'assets.save' | 'expenses.list' | 'expenses.save' | 'plan.get' | 'plan.save'> = {
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

  'expenses.list': (ctx, input) => expenses(ctx, input.caseId, input.after),

  async 'expenses.save'(ctx, input) {
    const existing = await guard(ctx, 'expenseItem', input.id, input.expectedVersion)
    const c = await loadCase(ctx, input.expense.caseId, 'expenses.save')
    const enterprise = await ctx.store.getEnterprise(ctx.user.orgId)
    const check = checkExpense(ctx.policy.expenseRules, { hasAnnuity: enterprise?.hasAnnuity === true, retirementMonth: c.person.retirementMonth }, input.expense, existing)
    if (!check.ok) throw new AppError('BAD_REQUEST', check.message, { caseId: c.id })
    const next: ExpenseItem = { ...input.expense, id: existing?.id ?? `expense-${ctx.newId()}`, enterpriseId: ctx.user.orgId, version: (existing?.version ?? 0) + 1 }
    await ctx.store.commit({
      docs: [{ kind: 'expenseItem', next, expectedVersion: existing?.version ?? null }],
      audit: [audit(ctx, 'expenses.save', c.id, `expense:${next.id}`, `${next.method} ${next.monthlyStandardFen}分/月`)],
    })
    return expenses(ctx)
  },

  async 'plan.get'(ctx, input) {
    // The office reads any enterprise's plans; an enterprise only its own.
    return ctx.store.getDoc('enterprisePlan', ctx.user.role === 'supervisor' ? (input.enterpriseId ?? '') : ctx.user.orgId)
  },

  async 'plan.save'(ctx, input) {
    const existing = await ctx.store.getDoc('enterprisePlan', ctx.user.orgId)
    if ((existing?.version ?? undefined) !== input.expectedVersion) throw new AppError('CONFLICT')
    const problem = planProblem(input.plan)
    if (problem) throw new AppError('BAD_REQUEST', problem.message, { fields: [problem.field] })
    const next: EnterprisePlan = { ...input.plan, id: ctx.user.orgId, version: (existing?.version ?? 0) + 1 }
    await ctx.store.commit({ docs: [{ kind: 'enterprisePlan', next, expectedVersion: existing?.version ?? null }], audit: [audit(ctx, 'plan.save', null, 'enterprisePlan', `v${next.version}`)] })
    return next
  },
}
