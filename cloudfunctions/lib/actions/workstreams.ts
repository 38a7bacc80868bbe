/** The enterprise's asset registry and plan record (the expense ledger: ./expenses.ts). */
import { AppError } from '../../../shared/AppError'
import { sameTransition } from '../../../shared/ExpenseLedger'
import { enterpriseTransition, transitionProblem } from '../../../shared/ExpenseRules'
import type { Asset, EnterprisePlan } from '../../../shared/Workstreams'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { ledgerDoc } from './expenses'

function audit(ctx: Ctx, action: 'assets.save' | 'expenses.save' | 'plan.save', caseId: string | null, field: string, after: string) {
  return auditEntry(ctx, { user: ctx.user, now: ctx.now, action, caseId, outcome: 'done', changes: [{ field, before: null, after }] })
}

/** Records per assets.list / expenses.list page (one store read). Our own named limit. */
export const LEDGER_PAGE = 200

async function assets(ctx: Ctx, after?: string) {
  const filter = ctx.user.role === 'supervisor' ? {} : { enterpriseId: ctx.user.orgId }
  return ctx.store.listDocs('asset', filter, { limit: LEDGER_PAGE, after })
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
  'assets.list': (ctx, input) => assets(ctx, input.after),

  async 'assets.save'(ctx, input) {
    const existing = await guard(ctx, 'asset', input.id, input.expectedVersion)
    if (!(await ctx.store.getCommunity(input.asset.communityId))) throw new AppError('BAD_REQUEST', '没有找到接收资产的社区。', { fields: ['communityId'] })
    if (input.asset.completedOn && !(input.asset.groupApprovedOn && input.asset.sasacApprovedOn)) {
      throw new AppError('BAD_REQUEST', '资产要经集团公司和国资委审核批准后才能划转（或调换）。', { fields: ['completedOn'] })
    }
    const next: Asset = { ...input.asset, id: existing?.id ?? `asset-${ctx.newId()}`, enterpriseId: ctx.user.orgId, version: (existing?.version ?? 0) + 1 }
    await ctx.store.commit({ docs: [{ kind: 'asset', next, expectedVersion: existing?.version ?? null }], audit: [audit(ctx, 'assets.save', null, `asset:${next.id}`, next.completedOn ? 'completed' : 'recorded')] })
    return assets(ctx)
  },

  async 'plan.get'(ctx) {
    return ctx.store.getDoc('enterprisePlan', ctx.user.orgId)
  },

  async 'plan.save'(ctx, input) {
    const existing = await ctx.store.getDoc('enterprisePlan', ctx.user.orgId)
    if ((existing?.version ?? undefined) !== input.expectedVersion) throw new AppError('CONFLICT')
    if (input.plan.stabilityPlanOn && !input.plan.stabilityContact) throw new AppError('BAD_REQUEST', '维稳方案要写明维稳联系人。', { fields: ['stabilityContact'] })
    // A form that does not show the transition keeps it as it was.
    const startsOn = input.plan.transitionStartsOn === undefined ? (existing?.transitionStartsOn ?? null) : input.plan.transitionStartsOn
    const endsOn = input.plan.transitionEndsOn === undefined ? (existing?.transitionEndsOn ?? null) : input.plan.transitionEndsOn
    const problem = transitionProblem(ctx.policy.expenseRules, startsOn, endsOn)
    if (problem) throw new AppError('BAD_REQUEST', problem, { fields: ['transitionEndsOn'] })
    const next: EnterprisePlan = { ...input.plan, transitionStartsOn: startsOn, transitionEndsOn: endsOn, id: ctx.user.orgId, version: (existing?.version ?? 0) + 1 }
    const ledger = await ctx.store.getDoc('expenseLedger', ctx.user.orgId)
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
