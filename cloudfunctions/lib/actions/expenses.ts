/**
 * The enterprise's out-of-pool expense ledger (plan 四（五）, shared/ExpenseRules.ts): items, the
 * yearly totals of its transition and its accruals. Served by the `roster` function, beside the
 * enterprise's other paperwork, so that `api` stays small.
 */
import { AppError } from '../../../shared/AppError'
import { chinaDateOf } from '../../../shared/ChinaTime'
import { MAX_ACCRUALS, ledgerView, sameTransition, yearlyAfter, type ExpenseLedger } from '../../../shared/ExpenseLedger'
import { checkExpense, enterpriseTransition, yearlyDecreaseProblem } from '../../../shared/ExpenseRules'
import type { ExpenseItem } from '../../../shared/Workstreams'
import { auditEntry } from '../audit'
import type { Ctx, Handlers } from '../router'
import { loadCase } from './common'
import { guard, LEDGER_PAGE } from './workstreams'

function audit(ctx: Ctx, action: 'expenses.save' | 'expenses.accrue', caseId: string | null, field: string, after: string) {
  return auditEntry(ctx, { user: ctx.user, now: ctx.now, action, caseId, outcome: 'done', changes: [{ field, before: null, after }] })
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
export function ledgerDoc(ctx: Ctx, stored: ExpenseLedger | null, change: Omit<ExpenseLedger, 'id' | 'version'>) {
  const next: ExpenseLedger = { ...change, id: ctx.user.orgId, version: (stored?.version ?? 0) + 1 }
  return { kind: 'expenseLedger' as const, next, expectedVersion: stored?.version ?? null }
}

export const expenseHandlers: Pick<Handlers, 'expenses.list' | 'expenses.save' | 'expenses.accrue'> = {
  'expenses.list': (ctx, input) => expenses(ctx, input.caseId, input.after),

  async 'expenses.save'(ctx, input) {
    const existing = await guard(ctx, 'expenseItem', input.id, input.expectedVersion)
    const c = await loadCase(ctx, input.expense.caseId, 'expenses.save')
    if (existing && existing.caseId !== c.id) throw new AppError('BAD_REQUEST', '一条费用记录不能改到另一位退休人员名下。', { caseId: c.id, fields: ['caseId'] })
    const [enterprise, { transition, stored }] = await Promise.all([ctx.store.getEnterprise(ctx.user.orgId), ledgerOf(ctx)])
    const rules = ctx.policy.expenseRules
    const check = checkExpense(rules, { hasAnnuity: enterprise?.hasAnnuity === true, retirementMonth: c.person.retirementMonth, birthMonth: c.person.birthMonth, transition, today: chinaDateOf(ctx.now) }, input.expense, existing)
    if (!check.ok) throw new AppError('BAD_REQUEST', check.message, { caseId: c.id, fields: [check.field] })
    // The city's entitlement is paid once per retiree (四（五）一次性支付): one record per case, so a second is refused, and two at once conflict.
    const onceId = input.expense.method === 'entitlementLumpSum' ? `expense-${c.id}-entitlement` : null
    if (!existing && onceId && (await ctx.store.getDoc('expenseItem', onceId))) {
      throw new AppError('BAD_REQUEST', '这位退休人员的待遇已经登记过一次性支付，不能再登记第二次。', { caseId: c.id, fields: ['method'] })
    }
    const next: ExpenseItem = {
      ...input.expense,
      oneTimeAmountFen: check.oneTimeAmountFen,
      transitionYear: check.cohort.kind === 'transition' ? check.cohort.year : null,
      id: existing?.id ?? onceId ?? `expense-${ctx.newId()}`,
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

}
