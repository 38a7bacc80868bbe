/**
 * The out-of-pool expense rules of plan 四（五）(统筹外费用): 老人老办法 for people retired before
 * their enterprise's transition, 逐步减少 for people who retire during it (one transition per
 * enterprise, from the start in its 移交方案, 原则上不超过3年), and a one-time payment of the city's
 * entitlement, with no out-of-pool items, for people who retire after it.
 */
import { addChinaDays, lastDayOfMonth } from './ChinaTime'
import type { ExpenseRules } from './Policy'
import type { EnterprisePlan, ExpenseItem, ExpenseMethod } from './Workstreams'

/** An enterprise's transition, both days included. */
export interface Transition {
  startsOn: string
  endsOn: string
}

/** The same calendar day `years` later (29 February becomes 1 March in a common year). */
export function addYears(date: string, years: number): string {
  return addChinaDays(`${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4, 8)}01`, Number(date.slice(8, 10)) - 1)
}

/** The last day a transition starting on `startsOn` may run to: `transitionYears` years, less a day. */
export function latestTransitionEnd(rules: Pick<ExpenseRules, 'transitionYears'>, startsOn: string): string {
  return addChinaDays(addYears(startsOn, rules.transitionYears), -1)
}

/** Why a transition an enterprise writes in its 移交方案 cannot stand, or null. */
export function transitionProblem(rules: Pick<ExpenseRules, 'transitionYears'>, startsOn: string | null, endsOn: string | null): string | null {
  if (startsOn === null) return endsOn === null ? null : '请先填写过渡期的开始日期。'
  if (endsOn !== null && endsOn < startsOn) return '过渡期的结束日期不能早于开始日期。'
  const latest = latestTransitionEnd(rules, startsOn)
  if (endsOn !== null && endsOn > latest) return `过渡期原则上不超过${rules.transitionYears}年，最晚到${latest}。`
  return null
}

/** The enterprise's transition from its plan record, or null while it has none (an unset end is the latest allowed). */
export function enterpriseTransition(rules: Pick<ExpenseRules, 'transitionYears'>, plan: Pick<EnterprisePlan, 'transitionStartsOn' | 'transitionEndsOn'> | null): Transition | null {
  const startsOn = plan?.transitionStartsOn ?? null
  if (startsOn === null) return null
  return { startsOn, endsOn: plan?.transitionEndsOn ?? latestTransitionEnd(rules, startsOn) }
}

/** When a retiree retired, against their enterprise's transition. */
export type Cohort = { kind: 'existing' } | { kind: 'transition'; year: number } | { kind: 'after' }

/**
 * Retirement is kept to the month (issue 8) and counts from the month's last day, so a person
 * retiring in the month the transition starts retires during it. Years are counted from the
 * transition's start: year 1 is its first twelve months. Null when the enterprise has recorded no
 * transition and the person retired on or after the cut-off, so the cohort cannot be known.
 */
export function cohortOf(rules: Pick<ExpenseRules, 'cutoffDate'>, transition: Transition | null, retirementMonth: string): Cohort | null {
  const retiredOn = lastDayOfMonth(retirementMonth)
  if (transition === null) return retiredOn < rules.cutoffDate ? { kind: 'existing' } : null
  if (retiredOn < transition.startsOn) return { kind: 'existing' }
  if (retiredOn > transition.endsOn) return { kind: 'after' }
  let year = 1
  while (addYears(transition.startsOn, year) <= retiredOn) year++
  return { kind: 'transition', year }
}

/** The methods each cohort may be paid by (老人老办法, 新人新办法, 过渡期满后一次性支付). */
export const METHODS_BY_COHORT = {
  existing: ['accrual', 'lifeExpectancy', 'existingChannel'],
  transition: ['transition'],
  after: ['entitlementLumpSum'],
} as const satisfies Record<Cohort['kind'], readonly ExpenseMethod[]>

const WRONG_METHOD: Record<Cohort['kind'], string> = {
  existing: '这位退休人员在过渡期开始前退休，按现有统筹外费用处理：一次性计提、参考人口平均预期寿命一次性支付，或由企业按现行途径处理。',
  transition: '这位退休人员在过渡期内退休，只能登记过渡期内逐年减少的统筹外费用。',
  after: '这位退休人员在过渡期满后退休，企业不再发放统筹外费用；按市政府有关规定应享受的待遇由企业一次性支付。',
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1

/**
 * 参考我市人口平均预期寿命一次性支付: the monthly standard for each month from the month it is paid
 * until the retiree reaches the city's life expectancy (policy data, with its source).
 */
export function lifeExpectancyLumpSumFen(rules: Pick<ExpenseRules, 'lifeExpectancy'>, monthlyFen: number, birthMonth: string, paidOn: string): number {
  const months = Math.round(rules.lifeExpectancy.years * 12) - (monthIndex(paidOn.slice(0, 7)) - monthIndex(birthMonth))
  return monthlyFen * Math.max(0, months)
}

export type ExpenseCheck =
  | { ok: true; cohort: Cohort; oneTimeAmountFen: number | null }
  | { ok: false; message: string; field: keyof ExpenseItem | 'transitionStartsOn' }

type ItemFields = Pick<ExpenseItem, 'method' | 'monthlyStandardFen' | 'retireeConsent' | 'oneTimeAmountFen' | 'startedOn'>

/** The plan's rules for one item, new or changed; on success, its cohort and its one-time amount (a life-expectancy lump sum counted from today). */
export function checkExpense(
  rules: ExpenseRules,
  e: { hasAnnuity: boolean; retirementMonth: string; birthMonth: string; transition: Transition | null; today: string },
  next: ItemFields,
  previous: Pick<ExpenseItem, 'monthlyStandardFen'> | null,
): ExpenseCheck {
  const cohort = cohortOf(rules, e.transition, e.retirementMonth)
  if (cohort === null) return { ok: false, message: '请先在移交方案中填写本企业过渡期的开始日期，才能登记这位退休人员的统筹外费用。', field: 'transitionStartsOn' }
  // 已实施企业年金的企业，不再发放统筹外费用; the entitlement after the transition is not such an item.
  if (e.hasAnnuity && next.method !== 'entitlementLumpSum') return { ok: false, message: '已实施企业年金的企业，不再发放统筹外费用。', field: 'method' }
  if (!(METHODS_BY_COHORT[cohort.kind] as readonly ExpenseMethod[]).includes(next.method)) return { ok: false, message: WRONG_METHOD[cohort.kind], field: 'method' }
  if (previous && next.monthlyStandardFen > previous.monthlyStandardFen) return { ok: false, message: '原则上不再提高发放标准。', field: 'monthlyStandardFen' }
  switch (next.method) {
    case 'accrual':
    case 'existingChannel':
    case 'lifeExpectancy': {
      if (next.startedOn > rules.cutoffDate) return { ok: false, message: `${rules.cutoffDate}以后不再新增统筹外项目。`, field: 'startedOn' }
      if (next.method !== 'lifeExpectancy') return { ok: true, cohort, oneTimeAmountFen: null }
      if (!next.retireeConsent) return { ok: false, message: '一次性支付要先和退休人员协商一致，请记录本人已同意。', field: 'retireeConsent' }
      const lump = lifeExpectancyLumpSumFen(rules, next.monthlyStandardFen, e.birthMonth, e.today)
      if (lump === 0) return { ok: false, message: `这位退休人员已到${rules.lifeExpectancy.years}岁（我市人口平均预期寿命），不能按预期寿命一次性支付。`, field: 'method' }
      return { ok: true, cohort, oneTimeAmountFen: lump }
    }
    case 'transition':
      if (next.monthlyStandardFen === 0) return { ok: false, message: '请填写每月发放标准。', field: 'monthlyStandardFen' }
      return { ok: true, cohort, oneTimeAmountFen: null }
    case 'entitlementLumpSum':
      if (next.monthlyStandardFen !== 0) return { ok: false, message: '过渡期满后退休的人员不再按月发放统筹外费用，每月标准请填0。', field: 'monthlyStandardFen' }
      if (!next.oneTimeAmountFen) return { ok: false, message: '请填写一次性支付的金额。', field: 'oneTimeAmountFen' }
      return { ok: true, cohort, oneTimeAmountFen: next.oneTimeAmountFen }
  }
}

const yuan = (fen: number) => (fen / 100).toFixed(2)

/**
 * 逐步减少: by transition year (index 0 is year 1), the annualised total of the items of people
 * who retired in that year must be strictly less than the year before's. A year with nothing
 * paid always holds; once a year pays nothing, later years may pay nothing either.
 */
export function yearlyDecreaseProblem(yearlyFen: readonly number[]): string | null {
  for (let i = 1; i < yearlyFen.length; i++) {
    const [before, now] = [yearlyFen[i - 1] ?? 0, yearlyFen[i] ?? 0]
    if (now > 0 && now >= before) {
      return `过渡期第${i + 1}年退休人员的统筹外费用合计每年${yuan(now)}元，要少于第${i}年的${yuan(before)}元（逐步减少）。`
    }
  }
  return null
}

/** What one item adds to its year's annualised total. */
export const annualFen = (item: Pick<ExpenseItem, 'monthlyStandardFen'>): number => item.monthlyStandardFen * 12
