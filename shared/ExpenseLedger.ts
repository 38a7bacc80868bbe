/**
 * An enterprise's out-of-pool expense ledger (plan 四（五）, 六（二）): the yearly totals of its
 * transition, kept beside the items so that the rule that they decrease is checked and written in
 * one commit (two people adding items at once cannot both slip past it: the second commit finds
 * the ledger's version moved), and its one-time accruals (一次性计提), recorded per enterprise.
 */
import * as z from 'zod/mini'
import { annualFen, type Transition } from './ExpenseRules'
import { ExpenseRules } from './Policy'
import { ChinaDate, Fen, type ExpenseItem } from './Workstreams'

/** 一次性计提: an amount the enterprise set aside at once for its retirees' existing items. */
export const Accrual = z.object({
  id: z.string().check(z.maxLength(80)),
  on: ChinaDate,
  amountFen: Fen.check(z.gte(1)),
  note: z.string().check(z.trim(), z.maxLength(60)),
})
export type Accrual = z.infer<typeof Accrual>

/** Accruals one ledger keeps; our own named limit (an enterprise accrues once or a few times). */
export const MAX_ACCRUALS = 100

export const ExpenseLedger = z.object({
  id: z.string().check(z.describe('the enterprise id')),
  version: z.int().check(z.gte(1)),
  transition: z
    .nullable(z.object({ startsOn: ChinaDate, endsOn: ChinaDate }))
    .check(z.describe('the transition the yearly totals were counted against')),
  yearlyFen: z.array(z.int().check(z.gte(0))).check(z.maxLength(10), z.describe('annualised totals of `transition` items, by transition year (index 0 = year 1)')),
  accruals: z.array(Accrual).check(z.maxLength(MAX_ACCRUALS)),
})
export type ExpenseLedger = z.infer<typeof ExpenseLedger>

/** What the ledger screen shows: the stored ledger, the enterprise's transition, and the policy's figures it uses. */
export const ExpenseLedgerView = z.object({
  transition: z.nullable(z.object({ startsOn: z.string(), endsOn: z.string() })),
  yearlyFen: z.array(z.int()),
  accruals: z.array(Accrual),
  accruedFen: z.int(),
  rules: ExpenseRules,
})
export type ExpenseLedgerView = z.infer<typeof ExpenseLedgerView>

type Counted = Pick<ExpenseItem, 'method' | 'monthlyStandardFen' | 'transitionYear'>

/** The yearly totals after an item is written in place of `before` (null: a new item). */
export function yearlyAfter(yearlyFen: readonly number[], before: Counted | null, after: Counted | null): number[] {
  const next = [...yearlyFen]
  const move = (item: Counted | null, sign: number) => {
    if (item?.method !== 'transition' || !item.transitionYear) return
    while (next.length < item.transitionYear) next.push(0)
    next[item.transitionYear - 1] += sign * annualFen(item)
  }
  move(before, -1)
  move(after, 1)
  while (next.length > 0 && next[next.length - 1] === 0) next.pop()
  return next
}

/** The yearly totals counted one by one from the items: what the ledger must hold. */
export function countYearly(items: Iterable<Counted>): number[] {
  let yearly: number[] = []
  for (const item of items) yearly = yearlyAfter(yearly, null, item)
  return yearly
}

export const sameTransition = (a: Transition | null, b: Transition | null): boolean => a?.startsOn === b?.startsOn && a?.endsOn === b?.endsOn

export function ledgerView(rules: ExpenseRules, transition: Transition | null, ledger: ExpenseLedger | null): ExpenseLedgerView {
  const accruals = ledger?.accruals ?? []
  return { transition, yearlyFen: ledger?.yearlyFen ?? [], accruals, accruedFen: accruals.reduce((sum, a) => sum + a.amountFen, 0), rules }
}
