/**
 * The board's figures, on any Store adapter: whatever is written, in any order, with stale and
 * failed writes among them and writers racing, the maintained figures equal a brute-force count
 * over the records the store holds (shared/Figures.ts), and the drill-down lists the cases behind
 * each stage figure.
 */
import fc from 'fast-check'
import { isAppError } from '../AppError'
import type { RetireeCase } from '../Case'
import type { CaseStepType } from '../CaseAction'
import { CASE_STEP_TYPES } from '../CaseAction'
import { checkStep } from '../CaseState'
import { countFigures, type CountedRecord, type Figures } from '../Figures'
import { erenhot2019 } from '../policies/erenhot2019'
import { STAGE_IDS } from '../Stage'
import { allCases, makeCase, withSteps, withVisit } from '../testing/fixtures'
import type { TransferAgreement } from '../TransferAgreement'
import type { Asset, ExpenseItem } from '../Workstreams'
import type { OpenedStore } from './StoreContract'
import { commitInChunks } from './ChunkedCommit'
import type { Store } from './Store'
import { countFiguresOnce } from '../UpgradeStoredRecords'

const policy = erenhot2019
const ENTERPRISES = ['ent-a', 'ent-b']
const COMMUNITIES = ['com-a', 'com-b']

/** The case with `n` more steps recorded, each the next one its state machine allows. */
function advanced(c: RetireeCase, n: number): RetireeCase {
  let next = c
  for (let i = 0; i < n; i++) {
    const type = CASE_STEP_TYPES.find((t: CaseStepType) => checkStep(policy, t === 'takenIn' ? withVisit(policy, next) : next, t).ok)
    if (type === undefined) return next
    next = withSteps(policy, type === 'takenIn' ? withVisit(policy, next) : next, [type], Date.parse('2019-10-01T02:00:00Z') + (next.actions.length + i * 37) * 86_400_000)
  }
  return next
}

function agreementOf(id: string, enterpriseId: string, communityId: string, caseIds: string[], status: TransferAgreement['status'], version: number): TransferAgreement {
  return { id, version, enterpriseId, communityId, caseIds, status, deadline: '2020-03-31', communitySignedAt: null, enterpriseSignedAt: null, createdAt: '2020-01-01T00:00:00.000Z' }
}

function expenseOf(id: string, enterpriseId: string, monthlyStandardFen: number, oneTimeAmountFen: number | null, version: number): ExpenseItem {
  return { id, version, enterpriseId, caseId: 'case-x', item: '取暖费', method: 'accrual', monthlyStandardFen, oneTimeAmountFen, retireeConsent: false, startedOn: '2019-01-01' }
}

function assetOf(id: string, enterpriseId: string, approved: boolean, completed: boolean, version: number): Asset {
  return { id, version, enterpriseId, item: '活动室', communityId: 'com-a', groupApprovedOn: approved ? '2019-12-01' : null, sasacApprovedOn: approved ? '2019-12-05' : null, disposal: 'handedOver', completedOn: completed ? '2020-01-10' : null, swappedFor: null, cityAgreement: completed ? { signedOn: '2020-01-05', number: '资产协议-1' } : null }
}

/** Every record the figures count, read back from the store page by page. */
async function storedRecords(store: Store): Promise<CountedRecord[]> {
  const records: CountedRecord[] = (await allCases(store)).map((value) => ({ kind: 'case', value }))
  for (let after: string | undefined, more = true; more; ) {
    const page = await store.listAgreements({ limit: 1000, after })
    records.push(...page.items.map((value) => ({ kind: 'agreement' as const, value })))
    after = page.nextCursor ?? undefined
    more = page.nextCursor !== null
  }
  for (const enterpriseId of ENTERPRISES) {
    records.push(...(await store.listDocs('expenseItem', { enterpriseId }, { limit: 1000 })).items.map((value) => ({ kind: 'expenseItem' as const, value })))
    records.push(...(await store.listDocs('asset', { enterpriseId }, { limit: 1000 })).items.map((value) => ({ kind: 'asset' as const, value })))
  }
  return records
}

const sorted = (f: Figures) => [...f.entries()].sort(([a], [b]) => (a < b ? -1 : 1))

async function expectFiguresTrue(store: Store): Promise<void> {
  const expected = countFigures(await storedRecords(store))
  expect(sorted(await store.readFigures(''))).toEqual(sorted(expected))
  const prefix = 'enterprise:ent-a|'
  expect(sorted(await store.readFigures(prefix))).toEqual(sorted(expected).filter(([k]) => k.startsWith(prefix)))
}

/** One write a user could make, or a stale one that must change nothing. */
type Op =
  | { kind: 'open'; n: number; enterprise: number; community: number; partyMember: boolean; outOfScope: boolean }
  | { kind: 'advance'; n: number; steps: number; stale: boolean }
  | { kind: 'agreement'; n: number; status: TransferAgreement['status'] }
  | { kind: 'expense'; n: number; monthly: number; oneTime: number | null; remove: boolean }
  | { kind: 'asset'; n: number; approved: boolean; completed: boolean; remove: boolean }
  | { kind: 'failedBatch'; n: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), n: fc.nat(5), enterprise: fc.nat(1), community: fc.nat(1), partyMember: fc.boolean(), outOfScope: fc.boolean() }),
  fc.record({ kind: fc.constant('advance' as const), n: fc.nat(5), steps: fc.integer({ min: 1, max: 4 }), stale: fc.boolean() }),
  fc.record({ kind: fc.constant('agreement' as const), n: fc.nat(2), status: fc.constantFrom('draft' as const, 'communitySigned' as const, 'signed' as const) }),
  fc.record({ kind: fc.constant('expense' as const), n: fc.nat(2), monthly: fc.nat(50_000), oneTime: fc.option(fc.nat(1_000_000)), remove: fc.boolean() }),
  fc.record({ kind: fc.constant('asset' as const), n: fc.nat(2), approved: fc.boolean(), completed: fc.boolean(), remove: fc.boolean() }),
  fc.record({ kind: fc.constant('failedBatch' as const), n: fc.nat(5) }),
)

async function conflictOrNothing(p: Promise<unknown>): Promise<void> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(isAppError(error) && error.code).toBe('CONFLICT')
}

async function run(store: Store, o: Op): Promise<void> {
  const caseId = `case-f${o.n}`
  switch (o.kind) {
    case 'open': {
      if (await store.getCase(caseId)) return
      const c = makeCase(policy, {
        id: caseId,
        enterpriseId: ENTERPRISES[o.enterprise],
        hukouCommunityId: COMMUNITIES[o.community],
        categories: { partyMember: o.partyMember, ...(o.outOfScope && { employment: 'financialEnterpriseRetiree' as const, enterpriseOwnRules: true }) },
      })
      return store.commit({ cases: [{ next: c, expectedVersion: null }] })
    }
    case 'advance': {
      const c = await store.getCase(caseId)
      if (!c) return
      const next = advanced(c, o.steps)
      if (next === c) return
      if (o.stale) return conflictOrNothing(store.commit({ cases: [{ next: { ...next, version: next.version + 1 }, expectedVersion: c.version + 1 }] }))
      return store.commit({ cases: [{ next, expectedVersion: c.version }] })
    }
    case 'agreement': {
      const id = `agr-${o.n}`
      const current = await store.getAgreement(id)
      const next = agreementOf(id, ENTERPRISES[o.n % 2], COMMUNITIES[(o.n + 1) % 2], ['case-f0', 'case-f1', 'case-f2'].slice(0, o.n + 1), o.status, (current?.version ?? 0) + 1)
      return store.commit({ agreements: [{ next, expectedVersion: current?.version ?? null }] })
    }
    case 'expense': {
      const id = `exp-${o.n}`
      const current = await store.getDoc('expenseItem', id)
      if (o.remove) return store.commit({ removeDocs: [{ kind: 'expenseItem', id }] })
      const next = expenseOf(id, ENTERPRISES[o.n % 2], o.monthly, o.oneTime, (current?.version ?? 0) + 1)
      return store.commit({ docs: [{ kind: 'expenseItem', next, expectedVersion: current?.version ?? null }] })
    }
    case 'asset': {
      const id = `asset-${o.n}`
      const current = await store.getDoc('asset', id)
      if (o.remove) return store.commit({ removeDocs: [{ kind: 'asset', id }] })
      const next = assetOf(id, ENTERPRISES[o.n % 2], o.approved, o.completed, (current?.version ?? 0) + 1)
      return store.commit({ docs: [{ kind: 'asset', next, expectedVersion: current?.version ?? null }] })
    }
    case 'failedBatch': {
      // A change with good writes and one stale case: all or nothing, so the figures must not move.
      const c = await store.getCase(caseId)
      if (!c) return
      const good = advanced(c, 2)
      const stale = { ...c, version: c.version + 5 }
      return conflictOrNothing(
        store.commit({
          cases: [{ next: good, expectedVersion: c.version }, ...(good === c ? [] : [{ next: stale, expectedVersion: c.version + 4 }])].slice(0, good === c ? 0 : 2),
          docs: [{ kind: 'asset', next: assetOf('asset-batch', 'ent-a', false, false, 1), expectedVersion: null }],
          ...(good === c && { agreements: [{ next: agreementOf('agr-never', 'ent-a', 'com-a', ['x'], 'draft', 2), expectedVersion: 1 }] }),
        }),
      )
    }
  }
}

/** Cases whose stage is in a state, per unit, by brute force. */
function behind(cases: RetireeCase[], filter: { enterpriseId?: string; receivingCommunityId?: string }, stage: (typeof STAGE_IDS)[number], state: 'done' | 'open' | 'waiting'): string[] {
  return cases
    .filter((c) => (filter.enterpriseId === undefined || c.enterpriseId === filter.enterpriseId) && (filter.receivingCommunityId === undefined || c.summary.receivingCommunityId === filter.receivingCommunityId))
    .filter((c) => c.summary.stages[stage]?.state === state)
    .map((c) => c.id)
    .sort()
}

/** A new retiree's whole path (an ordinary retiree under erenhot2019; the visit before the take-in comes with it). */
const ORDINARY_PATH: CaseStepType[] = ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned', 'personnelFileTransferred', 'socialSecurityHandedOver', 'takenIn']

/** A store as the figures contract opens it: with every figure it holds, zeros included. */
export type OpenedFiguresStore = OpenedStore & { storedFigures(): Array<[string, number]> | Promise<Array<[string, number]>> }

export function describeFiguresContract(name: string, open: () => Promise<OpenedFiguresStore>): void {
  describe(`Store figures: ${name}`, () => {
    test('years of new retirees leave the units’ ranges no larger: done stages leave them, and no figure of 0 is kept', async () => {
      const { store, close, storedFigures } = await open()
      try {
        const inRanges = async () => (await storedFigures()).filter(([key]) => key.startsWith('enterprise:') || key.startsWith('community:')).length
        const sizes: number[] = []
        for (let year = 2021; year <= 2026; year++) {
          for (let i = 0; i < 4; i++) {
            // Cases that open after the last fixed deadline: each has deadlines of its own.
            const openedAt = `${year}-0${i + 2}-1${i}T02:00:00.000Z`
            const opened = makeCase(policy, { id: `case-n${year}${i}`, openedAt })
            await store.commit({ cases: [{ next: opened, expectedVersion: null }] })
            const done = withSteps(policy, opened, ORDINARY_PATH, Date.parse(openedAt) + 86_400_000)
            expect(done.summary.done).toBe(true)
            await store.commit({ cases: [{ next: done, expectedVersion: opened.version }] })
          }
          sizes.push(await inRanges())
          expect((await storedFigures()).filter(([, n]) => n === 0)).toEqual([])
        }
        expect(new Set(sizes)).toEqual(new Set([sizes[0]]))
        await expectFiguresTrue(store)
      } finally {
        await close?.()
      }
    })

    test('after any writes, stale and failed ones among them, every figure equals a brute-force count of the stored records', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
          const opened = await open()
          try {
            for (const o of ops) await run(opened.store, o)
            await expectFiguresTrue(opened.store)
          } finally {
            await opened.close?.()
          }
        }),
        { numRuns: 25 },
      )
    })

    test('writers racing on the same units (and one case) leave figures that equal the brute-force count', async () => {
      const { store, close } = await open()
      try {
        const cases = Array.from({ length: 8 }, (_, i) => makeCase(policy, { id: `case-r${i}`, enterpriseId: ENTERPRISES[i % 2], hukouCommunityId: COMMUNITIES[(i >> 1) % 2] }))
        await Promise.all(cases.map((c) => store.commit({ cases: [{ next: c, expectedVersion: null }] })))
        // Each writer advances its own case; two more race on case-r0, and exactly one of them may win.
        const outcomes = await Promise.allSettled([
          ...cases.map((c, i) => store.commit({ cases: [{ next: advanced(c, 1 + (i % 4)), expectedVersion: c.version }] })),
          store.commit({ cases: [{ next: advanced(cases[0], 3), expectedVersion: cases[0].version }] }),
        ])
        const refused = outcomes.filter((o) => o.status === 'rejected')
        expect(refused.length).toBe(1)
        expect(refused.every((o) => o.status === 'rejected' && isAppError(o.reason) && o.reason.code === 'CONFLICT')).toBe(true)
        await expectFiguresTrue(store)
      } finally {
        await close?.()
      }
    })

    test('more figures than one page of 1000 are all read: no page limit caps a figure', async () => {
      const { store, close } = await open()
      try {
        const cases = Array.from({ length: 90 }, (_, i) => advanced(makeCase(policy, { id: `case-p${String(i).padStart(3, '0')}`, enterpriseId: `ent-p${i}`, hukouCommunityId: `com-p${i}` }), i % 5))
        await commitInChunks(store, { cases: cases.map((next) => ({ next, expectedVersion: null })) })
        const expected = countFigures(cases.map((value) => ({ kind: 'case' as const, value })))
        expect(expected.size).toBeGreaterThan(1000)
        expect(sorted(await store.readFigures(''))).toEqual(sorted(expected))
        expect(sorted(await store.readFigures('community:'))).toEqual(sorted(expected).filter(([k]) => k.startsWith('community:')))
      } finally {
        await close?.()
      }
    })

    test('each stage figure drills down to exactly the cases behind it, page by page, and counts them', async () => {
      const { store, close } = await open()
      try {
        for (let i = 0; i < 24; i++) {
          const c = makeCase(policy, { id: `case-d${String(i).padStart(2, '0')}`, enterpriseId: ENTERPRISES[i % 2], hukouCommunityId: COMMUNITIES[(i >> 2) % 2], categories: { partyMember: i % 3 === 0 } })
          await store.commit({ cases: [{ next: advanced(c, i % 8), expectedVersion: null }] })
        }
        const cases = await allCases(store)
        for (const unit of [{ enterpriseId: 'ent-a' }, { receivingCommunityId: 'com-b' }, { enterpriseId: 'ent-b', receivingCommunityId: 'com-a' }]) {
          for (const stage of STAGE_IDS) {
            for (const state of ['done', 'open', 'waiting'] as const) {
              const ids: string[] = []
              for (let after: string | undefined, more = true; more; ) {
                const page = await store.listCases({ ...unit, stage: { id: stage, state }, limit: 3, after })
                ids.push(...page.items.map((c) => c.id))
                after = page.nextCursor ?? undefined
                more = page.nextCursor !== null
              }
              expect(ids).toEqual(behind(cases, unit, stage, state))
              expect(await store.countCases({ ...unit, stage: { id: stage, state } })).toBe(ids.length)
            }
          }
        }
      } finally {
        await close?.()
      }
    })
  })
}

/**
 * A record written (and counted) under an older schema that today's schema no longer reads: a
 * write that replaces it, or a removal, still takes its old counts off. `corrupt` rewrites one
 * stored field past the store, as a schema change would leave it.
 */
export function describeFiguresOfOlderRecords(name: string, open: () => Promise<{ store: Store; corrupt(kind: 'cases' | 'expenseItem', id: string, field: string, value: unknown): Promise<void>; close?(): void | Promise<void> }>): void {
  test(`${name}: a record that no longer fits its schema has its old counts taken off when replaced or removed`, async () => {
    const { store, corrupt, close } = await open()
    try {
      const c = makeCase(policy, { id: 'case-old', enterpriseId: 'ent-a', hukouCommunityId: 'com-a' })
      await store.commit({ cases: [{ next: c, expectedVersion: null }], docs: [{ kind: 'expenseItem', next: expenseOf('exp-old', 'ent-a', 30_000, null, 1), expectedVersion: null }] })
      await corrupt('cases', 'case-old', 'person', 42)
      await corrupt('expenseItem', 'exp-old', 'item', 42)
      expect(await store.getCase('case-old')).toBeNull()
      const next = advanced(c, 2)
      await store.commit({ cases: [{ next, expectedVersion: c.version }], removeDocs: [{ kind: 'expenseItem', id: 'exp-old' }] })
      expect(sorted(await store.readFigures(''))).toEqual(sorted(countFigures([{ kind: 'case', value: next }])))
    } finally {
      await close?.()
    }
  })
}

/**
 * A store written before the figures were kept (`forget` empties them past the store, and may
 * leave a wrong one): the migration's one-time count makes every figure equal the brute-force
 * count, and a second run counts nothing.
 */
export function describeFiguresRecount(name: string, open: () => Promise<{ store: Store; forget(): Promise<void>; close?(): void | Promise<void> }>): void {
  test(`${name}: the migration counts the figures of an older store once`, async () => {
    const { store, forget, close } = await open()
    try {
      for (let i = 0; i < 12; i++) await run(store, { kind: 'open', n: i % 6, enterprise: i % 2, community: (i >> 1) % 2, partyMember: i % 3 === 0, outOfScope: i === 5 })
      for (let i = 0; i < 6; i++) await run(store, { kind: 'advance', n: i, steps: 1 + (i % 4), stale: false })
      await run(store, { kind: 'agreement', n: 1, status: 'communitySigned' })
      await run(store, { kind: 'expense', n: 0, monthly: 12_000, oneTime: 500_000, remove: false })
      await run(store, { kind: 'asset', n: 1, approved: false, completed: false, remove: false })
      await forget()
      expect((await store.readFigures('')).size).toBeLessThan(countFigures(await storedRecords(store)).size)
      expect(await countFiguresOnce(store)).toBe(countFigures(await storedRecords(store)).size)
      await expectFiguresTrue(store)
      expect(await countFiguresOnce(store)).toBeNull()
      await expectFiguresTrue(store)
    } finally {
      await close?.()
    }
  })
}
