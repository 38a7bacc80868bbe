import fc from 'fast-check'
import { assetOverdue, assetProblem, assetState, type AssetFields, type AssetState } from './AssetTransfer'
import { chinaDateOf } from './ChinaTime'
import { erenhot2019 } from './policies/erenhot2019'
import { Asset } from './Workstreams'

const TODAY = '2020-05-20'
const NEW: AssetFields = { groupApprovedOn: null, sasacApprovedOn: null, completedOn: null, disposal: 'handedOver', swappedFor: null, cityAgreement: null }
const AGREEMENT = { signedOn: '2020-04-20', number: '二政资〔2020〕3号' }

type Step = 'group' | 'sasac' | 'agreement' | 'complete'
const STEPS: Record<Step, (a: AssetFields) => AssetFields> = {
  group: (a) => ({ ...a, groupApprovedOn: '2020-04-01' }),
  sasac: (a) => ({ ...a, sasacApprovedOn: '2020-04-10' }),
  agreement: (a) => ({ ...a, cityAgreement: AGREEMENT }),
  complete: (a) => ({ ...a, completedOn: '2020-05-01' }),
}
const ALL_STEPS = Object.keys(STEPS) as Step[]

/**
 * For each disposal: a path through an asset's record, and after each step exactly which next
 * steps the rules allow and the state it is in. Every other step must be refused at that point.
 */
const PATHS: Array<[string, AssetFields, Array<[Step | null, Step[], AssetState]>]> = [
  [
    'handed over free (无偿划转)',
    NEW,
    [
      [null, ['group', 'sasac', 'agreement'], 'awaitingApproval'],
      ['group', ['sasac', 'agreement'], 'awaitingApproval'],
      ['agreement', ['sasac'], 'awaitingApproval'],
      ['sasac', ['complete'], 'approved'],
      ['complete', [], 'completed'],
    ],
  ],
  [
    'swapped (调换), SASAC first',
    { ...NEW, disposal: 'swapped', swappedFor: '社区活动中心二楼 300 平方米' },
    [
      [null, ['group', 'sasac', 'agreement'], 'awaitingApproval'],
      ['sasac', ['group', 'agreement'], 'awaitingApproval'],
      ['group', ['agreement'], 'approved'],
      ['agreement', ['complete'], 'approved'],
      ['complete', [], 'completed'],
    ],
  ],
]

describe.each(PATHS)('an asset %s', (_name, start, path) => {
  test('allows exactly the listed steps after each step, and derives the state', () => {
    let a = start
    for (const [step, allowed, state] of path) {
      if (step) {
        const next = STEPS[step](a)
        expect(assetProblem(next, a, TODAY)).toBeNull()
        a = next
      }
      expect(assetState(a)).toBe(state)
      const done = (s: Step) => STEPS[s](a) === a || JSON.stringify(STEPS[s](a)) === JSON.stringify(a)
      const ok = ALL_STEPS.filter((s) => !done(s) && assetProblem(STEPS[s](a), a, TODAY) === null)
      expect(ok.sort()).toEqual([...allowed].sort())
    }
  })
})

describe('asset rules', () => {
  const ready = STEPS.agreement(STEPS.sasac(STEPS.group(NEW)))

  test.each([
    ['no completion before the group company approved', { ...ready, groupApprovedOn: null, completedOn: '2020-05-01' }, 'completedOn', '集团公司和国资委'],
    ['no completion before the SASAC approved', { ...ready, sasacApprovedOn: null, completedOn: '2020-05-01' }, 'completedOn', '国资委'],
    ['no completion before the agreement with the city government', { ...ready, cityAgreement: null, completedOn: '2020-05-01' }, 'cityAgreement', '市政府'],
    ['no completion dated before an approval', { ...ready, completedOn: '2020-04-05' }, 'completedOn', '不能早于'],
    ['no completion dated before the agreement', { ...ready, completedOn: '2020-04-15' }, 'completedOn', '不能早于'],
    ['a swap names what it was swapped for', { ...NEW, disposal: 'swapped' as const }, 'swappedFor', '调换成了什么'],
    ['a free hand-over has nothing swapped for', { ...NEW, swappedFor: '别的房子' }, 'swappedFor', '无偿划转'],
    ['no date after today', { ...NEW, groupApprovedOn: '2020-05-21' }, 'groupApprovedOn', '晚于今天'],
    ['no agreement dated after today', { ...NEW, cityAgreement: { ...AGREEMENT, signedOn: '2020-05-21' } }, 'cityAgreement', '晚于今天'],
  ] as const)('%s', (_name, next, field, words) => {
    const problem = assetProblem(next, null, TODAY)
    expect(problem).toMatchObject({ field, message: expect.stringContaining(words) })
  })

  test('a completed asset is not changed any more', () => {
    const done = STEPS.complete(ready)
    expect(assetProblem({ ...done, item: '改名' } as AssetFields, done, TODAY)).toMatchObject({ field: 'completedOn', message: expect.stringContaining('不能再修改') })
  })

  test('a swap with what it was swapped for is recorded like a hand-over', () => {
    expect(assetProblem(STEPS.complete({ ...ready, disposal: 'swapped', swappedFor: '新建活动室' }), ready, TODAY)).toBeNull()
  })
})

describe('asset overdue (by the policy’s deadline, China calendar day)', () => {
  const deadline = erenhot2019.assetDeadline

  test('the policy holds the plan’s 2020-06-30 (五（二）4)', () => {
    expect(deadline).toBe('2020-06-30')
  })

  test('overdue from 00:00 on 1 July China time, which is still 30 June in UTC', () => {
    const open = NEW
    expect(assetOverdue(open, deadline, chinaDateOf('2020-06-30T15:59:59Z'))).toBe(false)
    expect(assetOverdue(open, deadline, chinaDateOf('2020-06-30T16:00:00Z'))).toBe(true)
  })

  test('for any asset and day: overdue exactly when not completed and the day is after the deadline', () => {
    const day = fc.date({ min: new Date('2019-09-01T00:00:00Z'), max: new Date('2021-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(fc.option(day, { nil: null }), fc.option(day, { nil: null }), fc.option(day, { nil: null }), day, (group, sasac, completed, today) => {
        const a = { groupApprovedOn: group, sasacApprovedOn: sasac, completedOn: completed }
        expect(assetOverdue(a, deadline, today)).toBe(completed === null && today > deadline)
        if (completed !== null) expect(assetState(a)).toBe('completed')
      }),
    )
  })

  test('an asset stored before the swap and the agreement were recorded still reads', () => {
    const old = { id: 'asset-1', version: 1, enterpriseId: 'ent-water', item: '活动室', communityId: 'com-wulan', groupApprovedOn: null, sasacApprovedOn: null, disposal: 'handedOver', completedOn: null }
    expect(Asset.parse(old)).toMatchObject({ swappedFor: null, cityAgreement: null })
  })
})
