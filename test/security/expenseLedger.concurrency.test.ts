/**
 * 逐步减少 under production's interleavings. Three enterprise operators add, at once, items for
 * people who retired in the second year of the enterprise's transition; each item alone keeps
 * the second year below the first, any two together do not. The store yields between every call
 * and fast-check's scheduler decides who runs next. On both adapters: exactly one lands, the
 * others are refused with the rule's message (after retrying on CONFLICT), and the ledger's
 * yearly totals equal a count over the stored items and still decrease.
 */
import fc from 'fast-check'
import { countYearly } from '../../shared/ExpenseLedger'
import { yearlyDecreaseProblem } from '../../shared/ExpenseRules'
import { fixedClock } from '../../shared/Clock'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import type { Store } from '../../shared/ports/Store'
import { yieldingStore } from '../../shared/testing/YieldingStore'
import { handlers } from '../../cloudfunctions/lib/actions/all'
import { createCloudDbStore } from '../../cloudfunctions/lib/CloudDbStore'
import { createDeps } from '../../cloudfunctions/lib/deps'
import { FakeCloudDatabase } from '../../cloudfunctions/lib/FakeCloudDatabase'
import { createRouter } from '../../cloudfunctions/lib/router'
import { openSqliteStore } from '../../local/SqliteStore'
import { seedDemo } from '../../local/seed'

const ENT = 'dev-ent-water'
const ADAPTERS: Record<string, () => Store> = {
  SQLite: () => openSqliteStore(':memory:'),
  'CloudDbStore over FakeCloudDatabase': () => createCloudDbStore(new FakeCloudDatabase({ throwOnNotFound: false })),
}
const NO_PLAN = { transferPlanOn: null, stabilityPlanOn: null, stabilityContact: null, noticePublishedOn: null, feedbackClosedOn: null, transferPlan: null, stabilityPlan: null }
const item = (caseId: string, monthlyStandardFen: number) => ({ expense: { caseId, item: '取暖补贴', method: 'transition', monthlyStandardFen, oneTimeAmountFen: null, retireeConsent: false, startedOn: '2021-04-01' } })
/** Retired in the transition's second year (it starts 2020-01-01). */
const SECOND_YEAR = ['case-0002', 'case-0007', 'case-0009']

async function race(makeStore: () => Store, s: fc.Scheduler) {
  const base = makeStore()
  const clock = fixedClock('2021-05-20T01:00:00Z')
  const setup = createDeps({ store: base, policy: erenhot2019, clock, masterKey: Buffer.alloc(32, 5) })
  await seedDemo(base, erenhot2019, setup.vault, { count: 9, now: clock.now() })
  const direct = createRouter(setup, handlers)
  for (const [caseId, month] of [['case-0001', '2020-03'], ['case-0002', '2021-01'], ['case-0007', '2021-02'], ['case-0009', '2021-03']]) {
    const c = (await base.getCase(caseId))!
    await base.commit({ cases: [{ next: { ...c, version: c.version + 1, person: { ...c.person, retirementMonth: month } }, expectedVersion: c.version }] })
  }
  expect(await direct({ userId: ENT }, { action: 'plan.save', input: { plan: { ...NO_PLAN, transitionStartsOn: '2020-01-01', transitionEndsOn: null } } })).toMatchObject({ ok: true })
  expect(await direct({ userId: ENT }, { action: 'expenses.save', input: item('case-0001', 30000) })).toMatchObject({ ok: true })

  const handle = createRouter({ ...setup, store: yieldingStore(base, () => s.schedule(Promise.resolve())) }, handlers)
  const answers: string[] = []
  const writer = async (caseId: string) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const res = await handle({ userId: ENT }, { action: 'expenses.save', input: item(caseId, 20000) })
      if (res.ok) return void answers.push('ok')
      if (res.error.code !== 'CONFLICT') return void answers.push(res.error.message)
    }
    answers.push('gave up')
  }
  await s.waitFor(Promise.all(SECOND_YEAR.map(writer)))
  const items = (await base.listDocs('expenseItem', { enterpriseId: 'ent-water' }, { limit: 100 })).items
  const ledger = await base.getDoc('expenseLedger', 'ent-water')
  return { answers, items, ledger }
}

describe.each(Object.entries(ADAPTERS))('%s', (_name, makeStore) => {
  test('three operators adding second-year items at once: one lands, the rule refuses the others, the totals stay true', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const { answers, items, ledger } = await race(makeStore, s)
        expect(answers.filter((a) => a === 'ok')).toHaveLength(1)
        expect(answers.filter((a) => a !== 'ok')).toEqual([expect.stringContaining('逐步减少'), expect.stringContaining('逐步减少')])
        expect(items).toHaveLength(2)
        expect(ledger?.yearlyFen).toEqual(countYearly(items))
        expect(ledger?.yearlyFen).toEqual([360000, 240000])
        expect(yearlyDecreaseProblem(ledger!.yearlyFen)).toBeNull()
      }),
      { numRuns: 25 },
    )
  }, 60_000)
})
