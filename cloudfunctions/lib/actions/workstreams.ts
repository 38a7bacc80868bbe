/** The enterprise's asset registry, out-of-pool expense ledger (with the plan's rules) and plan record. */
import { AppError } from '../../../shared/AppError'
import { chinaDateOf } from '../../../shared/ChinaTime'
import { MAX_ACCRUALS, ledgerView, sameTransition, yearlyAfter, type ExpenseLedger } from '../../../shared/ExpenseLedger'
import { checkExpense, enterpriseTransition, transitionProblem, yearlyDecreaseProblem } from '../../../shared/ExpenseRules'
import type { Asset, EnterprisePlan, ExpenseItem } from '../../../shared/Workstreams'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { loadCase } from './common'

function audit(ctx: Ctx, action: 'assets.save' | 'expenses.save' | 'expenses.accrue' | 'plan.save', caseId: string | null, field: string, after: string) {
  return auditEntry(ctx, { user: ctx.user, now: ctx.now, action, caseId, outcome: 'done', changes: [{ field, before: null, after }] })
}

/** Records per assets.list / expenses.list page (one store read). Our own named limit. */
export const LEDGER_PAGE = 200

async function assets(ctx: Ctx, after?: string) {
  const filter = ctx.user.role === 'supervisor' ? {} : { enterpriseId: ctx.user.orgId }
  return ctx.store.listDocs('asset', filter, { limit: LEDGER_PAGE, after })
}

async function expenses(ctx: Ctx, caseId?: string, after?: string) {
  const office = ctx.user.role === 'supervisor'
  const filter = { ...(office ? {} : { enterpriseId: ctx.user.orgId }), ...(caseId ? { caseId } : {}) }
  const [page, ledger] = await Promise.all([ctx.store.listDocs('expenseItem', filter, { limit: LEDGER_PAGE, after }), office ? null : ledgerOf(ctx)])
  return { ...page, ledger: ledger && ledgerView(ctx.policy.expenseRules, ledger.transition, ledger.stored) }
}

/** The enterprise's transition (from its 移交方案) and its stored ledger. */
async function ledgerOf(ctx: Ctx) {
  const [plan, stored] = await Promise.all([ctx.store.getDoc('enterprisePlan', ctx.user.orgId), ctx.store.getDoc('expenseLedger', ctx.user.orgId)])
  return { transition: enterpriseTransition(ctx.policy.expenseRules, plan), stored }
}

/** The ledger written back in the same commit as the change it counts, expecting the version read. */
function ledgerDoc(ctx: Ctx, stored: ExpenseLedger | null, change: Omit<ExpenseLedger, 'id' | 'version'>) {
  const next: ExpenseLedger = { ...change, id: ctx.user.orgId, version: (stored?.version ?? 0) + 1 }
  return { kind: 'expenseLedger' as const, next, expectedVersion: stored?.version ?? null }
}

/** The stored version an update must name, or null for a new record. */
async function guard<K extends 'asset' | 'expenseItem'>(ctx: Ctx, kind: K, id: string | undefined, expectedVersion: number | undefined) {
  if (id === undefined) return null
  const existing = await ctx.store.getDoc(kind, id)
  if (!existing || existing.enterpriseId !== ctx.user.orgId) throw new AppError('NOT_FOUND', '没有找到这条记录。')
  if (existing.version !== expectedVersion) throw new AppError('CONFLICT')
  return existing
}

export const workstreamHandlers: Pick<Handlers, 'assets.list' | 'assets.save' | 'expenses.list' | 'expenses.save' | 'expenses.accrue' | 'plan.get' | 'plan.save'> = {
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

  'expenses.list': (ctx, input) => expenses(ctx, input.caseId, input.after),

  async 'expenses.save'(ctx, input) {
    const existing = await guard(ctx, 'expenseItem', input.id, input.expectedVersion)
    const c = await loadCase(ctx, input.expense.caseId, 'expenses.save')
    if (existing && existing.caseId !== c.id) throw new AppError('BAD_REQUEST', '一条费用记录不能改到另一位退休人员名下。', { caseId: c.id, fields: ['caseId'] })
    const [enterprise, { transition, stored }] = await Promise.all([ctx.store.getEnterprise(ctx.user.orgId), ledgerOf(ctx)])
    const rules = ctx.policy.expenseRules
    const check = checkExpense(rules, { hasAnnuity: enterprise?.hasAnnuity === true, retirementMonth: c.person.retirementMonth, birthMonth: c.person.birthMonth, transition, today: chinaDateOf(ctx.now) }, input.expense, existing)
    if (!check.ok) throw new AppError('BAD_REQUEST', check.message, { caseId: c.id, fields: [check.field] })
    const next: ExpenseItem = {
      ...input.expense,
      oneTimeAmountFen: check.oneTimeAmountFen,
      transitionYear: check.cohort.kind === 'transition' ? check.cohort.year : null,
      id: existing?.id ?? `expense-${ctx.newId()}`,
      enterpriseId: ctx.user.orgId,
      version: (existing?.version ?? 0) + 1,
    }
    // The totals were counted against the transition in the ledger; one that moved since cannot take more.
    const counted = stored && stored.yearlyFen.length > 0 && !sameTransition(stored.transition, transition)
    if (counted) throw new AppError('CONFLICT', '本企业过渡期的起止日期和已登记的费用不一致，请联系领导小组办公室核对。', { caseId: c.id })
    const yearlyFen = yearlyAfter(stored?.yearlyFen ?? [], existing, next)
    const decrease = yearlyDecreaseProblem(yearlyFen)
    if (decrease) throw new AppError('BAD_REQUEST', decrease, { caseId: c.id, fields: ['monthlyStandardFen'] })
    await ctx.store.commit({
      docs: [
        { kind: 'expenseItem', next, expectedVersion: existing?.version ?? null },
        ledgerDoc(ctx, stored, { transition, yearlyFen, accruals: stored?.accruals ?? [] }),
      ],
      audit: [audit(ctx, 'expenses.save', c.id, `expense:${next.id}`, `${next.method} ${next.monthlyStandardFen}分/月`)],
    })
    return expenses(ctx)
  },

  async 'expenses.accrue'(ctx, input) {
    const { transition, stored } = await ledgerOf(ctx)
    const accruals = stored?.accruals ?? []
    if (accruals.length >= MAX_ACCRUALS) throw new AppError('BAD_REQUEST', `一家企业最多登记${MAX_ACCRUALS}笔计提。`)
    const accrual = { ...input.accrual, id: `accrual-${ctx.newId()}` }
    const ledger = ledgerDoc(ctx, stored, { transition: stored?.transition ?? transition, yearlyFen: stored?.yearlyFen ?? [], accruals: [...accruals, accrual] })
    await ctx.store.commit({ docs: [ledger], audit: [audit(ctx, 'expenses.accrue', null, `accrual:${accrual.id}`, `${accrual.amountFen}分`)] })
    return expenses(ctx)
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
