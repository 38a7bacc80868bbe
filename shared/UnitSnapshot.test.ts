import fc from 'fast-check'
import { burnDown, programmeStart } from './BurnDown'
import type { RetireeCase } from './Case'
import type { CaseStep } from './CaseAction'
import { summarizeCase } from './CaseState'
import { addChinaDays, chinaDateOf, endOfChinaDay } from './ChinaTime'
import { countFigures } from './Figures'
import { erenhot2019 } from './policies/erenhot2019'
import { makeCase, withSteps } from './testing/fixtures'
import { CITY, replaySnapshots, snapshotId, stageHistory, takeSnapshots, UnitSnapshot } from './UnitSnapshot'

const policy = erenhot2019
const PATH: CaseStep['type'][] = ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned', 'personnelFileTransferred', 'socialSecurityHandedOver', 'takenIn']
const DAY = 86_400_000
const takenAtOf = (date: string) => new Date(endOfChinaDay(addChinaDays(date, -1)).getTime() + 1 + 5 * 60_000) // 00:05 China time

function caseWith(id: string, enterpriseId: string, hukouCommunityId: string, steps: number, startDay: number): RetireeCase {
  return withSteps(policy, makeCase(policy, { id, enterpriseId, hukouCommunityId }), PATH.slice(0, steps), Date.parse('2019-10-01T02:00:00Z') + startDay * DAY)
}

/** The snapshots of one day counted the slow way: each case as its actions before that day left it. */
function bruteForce(cases: RetireeCase[], date: string) {
  const records = cases
    .filter((c) => chinaDateOf(c.createdAt) < date)
    .map((c) => {
      const actions = c.actions.filter((a) => chinaDateOf(a.at) < date)
      return { kind: 'case' as const, value: { ...c, actions, summary: summarizeCase(policy, { ...c, actions }) } }
    })
  return takeSnapshots(policy, countFigures(records), date, takenAtOf(date))
}

describe('unit snapshots', () => {
  const cases = [caseWith('case-1', 'ent-a', 'com-a', 6, 0), caseWith('case-2', 'ent-a', 'com-b', 2, 3), caseWith('case-3', 'ent-b', 'com-a', 0, 0)]
  const now = new Date('2020-03-20T01:00:00Z')
  const snapshots = takeSnapshots(policy, countFigures(cases.map((value) => ({ kind: 'case' as const, value }))), '2020-03-20', now)

  test('one per unit of the board and one for the city, last, each keyed by unit and day and valid', () => {
    expect(snapshots.map((s) => s.id)).toEqual([
      'enterprise:ent-a|2020-03-20',
      'enterprise:ent-b|2020-03-20',
      'community:com-a|2020-03-20',
      'community:com-b|2020-03-20',
      'communityParty:com-a|2020-03-20',
      'communityParty:com-b|2020-03-20',
      'archives|2020-03-20',
      'hrss|2020-03-20',
      'medicalInsurance|2020-03-20',
      'city|2020-03-20',
    ])
    for (const s of snapshots) {
      expect(UnitSnapshot.parse(s)).toEqual(s)
      expect(s).toMatchObject({ id: snapshotId(s.unit, '2020-03-20'), version: 1, date: '2020-03-20', takenAt: now.toISOString() })
    }
  })

  test('each unit carries the stages it answers for, the city every stage', () => {
    const byUnit = Object.fromEntries(snapshots.map((s) => [s.unit, s.stages]))
    expect(byUnit['enterprise:ent-a']).toEqual([
      { stage: 'roster', done: 2, open: 0, waiting: 0, overdue: 0, lastDeadline: null },
      { stage: 'materials', done: 2, open: 0, waiting: 0, overdue: 0, lastDeadline: null },
      // case-2 waits for the community's signature: the enterprise's turn comes after it.
      { stage: 'agreement', done: 1, open: 0, waiting: 1, overdue: 0, lastDeadline: '2020-03-31' },
    ])
    // case-3 never got past the roster, due 2019-11-30: overdue on 2020-03-20.
    expect(byUnit['enterprise:ent-b'].map((s) => [s.stage, s.open, s.waiting, s.overdue])).toEqual([
      ['roster', 1, 0, 1],
      ['materials', 0, 1, 0],
      ['agreement', 0, 1, 0],
    ])
    expect(byUnit['community:com-a'].map((s) => s.stage)).toEqual(['agreement', 'takenIn'])
    expect(byUnit['community:com-b'].find((s) => s.stage === 'agreement')).toEqual({ stage: 'agreement', done: 0, open: 1, waiting: 0, overdue: 0, lastDeadline: '2020-03-31' })
    expect(byUnit.hrss.map((s) => s.stage)).toEqual(['socialSecurity'])
    expect(byUnit[CITY].map((s) => s.stage)).toEqual(policy.stages.map((s) => s.id))
    expect(byUnit[CITY].find((s) => s.stage === 'takenIn')).toEqual({ stage: 'takenIn', done: 1, open: 0, waiting: 2, overdue: 0, lastDeadline: '2020-10-31' })
  })

  test('a stage’s history is done, and open + waiting, per day', () => {
    const day = (date: string, done: number, open: number, waiting: number): UnitSnapshot => ({ id: snapshotId('community:com-a', date), version: 1, unit: 'community:com-a', date, takenAt: now.toISOString(), stages: [{ stage: 'takenIn', done, open, waiting, overdue: 0 }] })
    expect(stageHistory([day('2020-03-01', 1, 2, 3), day('2020-03-02', 2, 2, 2)], 'takenIn')).toEqual([
      { date: '2020-03-01', done: 1, remaining: 5 },
      { date: '2020-03-02', done: 2, remaining: 4 },
    ])
    expect(stageHistory([day('2020-03-01', 1, 2, 3)], 'roster')).toEqual([])
  })

  test('replayed from the action logs, every day equals the cases as they stood that morning, counted one by one', () => {
    const spec = fc.record({ enterprise: fc.constantFrom('ent-a', 'ent-b'), community: fc.constantFrom('com-a', 'com-b'), steps: fc.integer({ min: 0, max: 6 }), start: fc.integer({ min: 0, max: 60 }) })
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 8 }), (specs) => {
        const set = specs.map((s, i) => caseWith(`case-${i}`, s.enterprise, s.community, s.steps, s.start))
        const from = '2019-09-18'
        const to = '2019-12-10'
        const replayed = replaySnapshots(policy, set, from, to, takenAtOf)
        const expected: UnitSnapshot[] = []
        for (let d = from; d <= to; d = addChinaDays(d, 1)) expected.push(...bruteForce(set, d))
        expect(replayed).toEqual(expected)
      }),
      { numRuns: 15 },
    )
  })
})

describe('burn-down', () => {
  const city = (date: string, open: Record<string, number>, overdue = 0): UnitSnapshot => ({
    id: snapshotId(CITY, date),
    version: 1,
    unit: CITY,
    date,
    takenAt: takenAtOf(date).toISOString(),
    stages: policy.stages.map((s) => ({ stage: s.id, done: 0, open: open[s.id] ?? 0, waiting: 1, overdue: s.id === 'roster' ? overdue : 0 })),
  })
  const days = [city('2019-12-01', { roster: 3, materials: 2 }, 3), city('2019-11-29', { roster: 9, materials: 8 }), city('2020-01-15', { roster: 1, agreement: 40 }, 1)]

  test('open items per day, oldest first, with every deadline marked and what its stages left open', () => {
    const view = burnDown(policy, days)
    // Seven stages with one waiting item each, plus the open ones.
    expect(view.points).toEqual([
      { date: '2019-11-29', open: 24, overdue: 0 },
      { date: '2019-12-01', open: 12, overdue: 3 },
      { date: '2020-01-15', open: 48, overdue: 1 },
    ])
    expect(view.max).toBe(48)
    expect(view.deadlines).toEqual([
      { date: '2019-11-30', stages: [{ stage: 'roster', name: expect.any(String) }, { stage: 'materials', name: expect.any(String) }], dueOpenAfter: 3 + 2 + 2, dueOpenNow: 1 + 2 },
      { date: '2020-03-31', stages: [{ stage: 'agreement', name: expect.any(String) }], dueOpenAfter: null, dueOpenNow: 1 + 40 + 3 },
      { date: '2020-06-30', stages: [{ stage: 'personnelFile', name: expect.any(String) }, { stage: 'partyRelation', name: expect.any(String) }], dueOpenAfter: null, dueOpenNow: 41 + 5 },
      { date: '2020-10-31', stages: [{ stage: 'socialSecurity', name: expect.any(String) }, { stage: 'takenIn', name: expect.any(String) }], dueOpenAfter: null, dueOpenNow: 48 },
    ])
  })

  test('no snapshots: an empty chart, the deadlines still marked', () => {
    const view = burnDown(policy, [])
    expect(view).toMatchObject({ points: [], max: 0 })
    expect(view.deadlines.map((d) => [d.date, d.dueOpenAfter, d.dueOpenNow])).toEqual([
      ['2019-11-30', null, 0],
      ['2020-03-31', null, 0],
      ['2020-06-30', null, 0],
      ['2020-10-31', null, 0],
    ])
  })

  test('the programme starts on the policy’s first day', () => {
    expect(programmeStart(policy)).toBe('2019-09-01')
  })
})
