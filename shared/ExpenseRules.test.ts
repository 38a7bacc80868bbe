import fc from 'fast-check'
import { countYearly, yearlyAfter } from './ExpenseLedger'
import { addYears, checkExpense, cohortOf, enterpriseTransition, lifeExpectancyLumpSumFen, transitionProblem, yearlyDecreaseProblem, type Cohort, type Transition } from './ExpenseRules'
import { erenhot2019 } from './policies/erenhot2019'
import { ExpenseItem, type ExpenseMethod } from './Workstreams'

const rules = erenhot2019.expenseRules
const T: Transition = { startsOn: '2020-01-01', endsOn: '2022-06-30' }
const item = (method: ExpenseMethod, over: Partial<Parameters<typeof checkExpense>[2]> = {}) => ({
  method,
  monthlyStandardFen: method === 'entitlementLumpSum' ? 0 : 20000,
  oneTimeAmountFen: method === 'entitlementLumpSum' ? 5_000_000 : null,
  retireeConsent: method === 'lifeExpectancy',
  startedOn: method === 'transition' ? '2021-01-01' : '2015-01-01',
  ...over,
})
const person = (retirementMonth: string, over: Partial<Parameters<typeof checkExpense>[1]> = {}) => ({ hasAnnuity: false, retirementMonth, birthMonth: '1959-09', transition: T, today: '2020-03-20', ...over })
const ALL_METHODS: ExpenseMethod[] = ['accrual', 'lifeExpectancy', 'existingChannel', 'transition', 'entitlementLumpSum']

/** Per cohort, in the shape of the per-category transition tests: who retired when, and which methods the plan allows them. */
const COHORTS: Array<[string, string, Cohort, ExpenseMethod[]]> = [
  ['retired long before the transition (老人老办法)', '2015-06', { kind: 'existing' }, ['accrual', 'lifeExpectancy', 'existingChannel']],
  ['retired the month before it starts', '2019-12', { kind: 'existing' }, ['accrual', 'lifeExpectancy', 'existingChannel']],
  ['retired in its first month (a month counts from its last day)', '2020-01', { kind: 'transition', year: 1 }, ['transition']],
  ['retired in its twelfth month', '2020-12', { kind: 'transition', year: 1 }, ['transition']],
  ['retired in its thirteenth month: year 2', '2021-01', { kind: 'transition', year: 2 }, ['transition']],
  ['retired in its last month', '2022-06', { kind: 'transition', year: 3 }, ['transition']],
  ['retired after it (一次性支付, no out-of-pool items)', '2022-07', { kind: 'after' }, ['entitlementLumpSum']],
]

describe.each(COHORTS)('out-of-pool expenses: %s', (_label, retirementMonth, cohort, allowed) => {
  test('the cohort is counted from the enterprise’s transition start', () => {
    expect(cohortOf(rules, T, retirementMonth)).toEqual(cohort)
  })
  test.each(ALL_METHODS.map((m) => [m, allowed.includes(m)] as const))('method %s allowed: %s', (method, ok) => {
    const check = checkExpense(rules, person(retirementMonth), item(method), null)
    expect(check.ok).toBe(ok)
    if (!check.ok) expect(check).toMatchObject({ field: 'method', message: expect.stringMatching(/退休/) })
  })
  test('an enterprise annuity stops every item but the entitlement paid once', () => {
    for (const method of allowed) expect(checkExpense(rules, person(retirementMonth, { hasAnnuity: true }), item(method), null).ok).toBe(method === 'entitlementLumpSum')
  })
})

describe('out-of-pool expense rules', () => {
  test('without a transition in the 移交方案, only people retired before the cut-off can be classed', () => {
    expect(cohortOf(rules, null, '2019-11')).toEqual({ kind: 'existing' })
    expect(cohortOf(rules, null, '2019-12')).toBeNull()
    expect(checkExpense(rules, person('2020-02', { transition: null }), item('transition'), null)).toMatchObject({ ok: false, field: 'transitionStartsOn' })
  })

  test('the transition: at most the policy’s years, an unset end is the latest', () => {
    expect(enterpriseTransition(rules, { transitionStartsOn: '2020-01-01', transitionEndsOn: null })).toEqual({ startsOn: '2020-01-01', endsOn: '2022-12-31' })
    expect(enterpriseTransition(rules, { transitionStartsOn: '2020-03-15', transitionEndsOn: '2021-01-01' })).toEqual({ startsOn: '2020-03-15', endsOn: '2021-01-01' })
    expect(enterpriseTransition(rules, null)).toBeNull()
    expect(transitionProblem(rules, '2020-03-15', '2023-03-14')).toBeNull()
    expect(transitionProblem(rules, '2020-03-15', '2023-03-15')).toBe('过渡期原则上不超过3年，最晚到2023-03-14。')
    expect(transitionProblem(rules, '2020-03-15', '2020-03-14')).toContain('不能早于')
    expect(transitionProblem(rules, null, '2021-01-01')).toContain('开始日期')
    expect(addYears('2020-02-29', 1)).toBe('2021-03-01')
  })

  test('existing retirees: no new item after the cut-off (the plan’s issue date), no raised standard', () => {
    expect(checkExpense(rules, person('2015-06'), item('accrual', { startedOn: '2019-12-26' }), null)).toMatchObject({ ok: false, field: 'startedOn' })
    expect(checkExpense(rules, person('2015-06'), item('accrual', { startedOn: '2019-12-25' }), null).ok).toBe(true)
    expect(checkExpense(rules, person('2015-06'), item('accrual'), { monthlyStandardFen: 19999 })).toMatchObject({ ok: false, message: '原则上不再提高发放标准。' })
    // New retirees' items start after the cut-off: the transition is the plan's way for them.
    expect(checkExpense(rules, person('2021-01'), item('transition', { startedOn: '2021-02-01' }), null).ok).toBe(true)
  })

  test('the life-expectancy lump sum: recorded consent, the policy’s figure counted from the day it is recorded', () => {
    expect(checkExpense(rules, person('2015-06'), item('lifeExpectancy', { retireeConsent: false }), null)).toMatchObject({ ok: false, field: 'retireeConsent' })
    // Born 1959-09, on 2020-03-20: 726 months old; 75 years is 900 months.
    expect(checkExpense(rules, person('2015-06'), item('lifeExpectancy'), null)).toEqual({ ok: true, cohort: { kind: 'existing' }, oneTimeAmountFen: 174 * 20000 })
    const longer = { ...rules, lifeExpectancy: { ...rules.lifeExpectancy, years: 80 } }
    expect(lifeExpectancyLumpSumFen(longer, 20000, '1959-09', '2020-03-20')).toBe(234 * 20000)
    expect(checkExpense(rules, person('2015-06', { birthMonth: '1940-01' }), item('lifeExpectancy'), null)).toMatchObject({ ok: false, field: 'method' })
  })

  test('after the transition: the entitlement once, no monthly standard', () => {
    expect(checkExpense(rules, person('2022-07'), item('entitlementLumpSum'), null)).toEqual({ ok: true, cohort: { kind: 'after' }, oneTimeAmountFen: 5_000_000 })
    expect(checkExpense(rules, person('2022-07'), item('entitlementLumpSum', { monthlyStandardFen: 1 }), null)).toMatchObject({ ok: false, field: 'monthlyStandardFen' })
    expect(checkExpense(rules, person('2022-07'), item('entitlementLumpSum', { oneTimeAmountFen: null }), null)).toMatchObject({ ok: false, field: 'oneTimeAmountFen' })
  })

  test('an item stored before issue 11, with its own transition end, still reads', () => {
    const old = { id: 'e1', version: 2, enterpriseId: 'ent-water', caseId: 'case-0001', item: '取暖费', method: 'accrual', monthlyStandardFen: 100, oneTimeAmountFen: null, retireeConsent: false, startedOn: '2015-01-01', transitionEndsOn: '2022-01-31' }
    const read = ExpenseItem.parse(old)
    expect(read).not.toHaveProperty('transitionEndsOn')
    expect(read).toMatchObject({ method: 'accrual', monthlyStandardFen: 100 })
    expect(countYearly([read])).toEqual([])
  })
})

/** The rule read as the plan says it, for a brute-force check: every later year with anything paid is below the one before. */
function decreasesBruteForce(yearly: number[]): boolean {
  return yearly.every((now, i) => i === 0 || now === 0 || now < yearly[i - 1])
}

describe('逐步减少, for all yearly totals', () => {
  const yearly = fc.array(fc.nat({ max: 2_000_000 }), { maxLength: 5 })
  test('the check refuses exactly what the brute-force reading refuses', () => {
    fc.assert(fc.property(yearly, (y) => expect(yearlyDecreaseProblem(y) === null).toBe(decreasesBruteForce(y))))
  })

  const transitionItem = fc.record({ method: fc.constant('transition' as const), monthlyStandardFen: fc.nat({ max: 100_000 }), transitionYear: fc.integer({ min: 1, max: 3 }) })
  const anyItem = fc.oneof(transitionItem, fc.record({ method: fc.constant('accrual' as const), monthlyStandardFen: fc.nat({ max: 100_000 }), transitionYear: fc.constant(null) }))

  test('the ledger’s totals kept write by write equal a count over the items', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyItem, fc.option(fc.nat(), { nil: undefined })), { maxLength: 30 }), (writes) => {
        const items: Array<{ method: 'transition' | 'accrual'; monthlyStandardFen: number; transitionYear: number | null }> = []
        let ledger: number[] = []
        for (const [next, replace] of writes) {
          const at = replace === undefined || items.length === 0 ? -1 : replace % items.length
          ledger = yearlyAfter(ledger, at < 0 ? null : items[at], next)
          if (at < 0) items.push(next)
          else items[at] = next
        }
        const byYear = [1, 2, 3].map((y) => items.filter((i) => i.method === 'transition' && i.transitionYear === y).reduce((sum, i) => sum + i.monthlyStandardFen * 12, 0))
        while (byYear.length > 0 && byYear[byYear.length - 1] === 0) byYear.pop()
        expect(ledger).toEqual(byYear)
        expect(countYearly(items)).toEqual(byYear)
      }),
    )
  })

  test('a ledger built only from accepted writes always decreases', () => {
    fc.assert(
      fc.property(fc.array(transitionItem, { maxLength: 30 }), (writes) => {
        let ledger: number[] = []
        for (const w of writes) {
          const next = yearlyAfter(ledger, null, w)
          if (yearlyDecreaseProblem(next) === null) ledger = next
        }
        expect(decreasesBruteForce(ledger)).toBe(true)
      }),
    )
  })
})
