import fc from 'fast-check'
import { boardView, concernBoard, unitKey, unitStandings, type UnitRef } from './Board'
import type { ConcernCategory, ConcernStatus } from './Concern'
import { countFigures } from './Figures'
import { erenhot2019 } from './policies/erenhot2019'
import type { Policy } from './Policy'
import { makeCase, withSteps } from './testing/fixtures'

const cases = [
  makeCase(erenhot2019, { id: 'c1', enterpriseId: 'ent-a', hukouCommunityId: 'com-a' }),
  withSteps(erenhot2019, makeCase(erenhot2019, { id: 'c2', enterpriseId: 'ent-a', hukouCommunityId: 'com-b' }), ['rosterConfirmed', 'materialsSubmitted', 'agreementSigned']),
]
const figures = countFigures(cases.map((value) => ({ kind: 'case' as const, value })))

test('who answers for a stage is read from the policy: moving a stage moves its figures to the new unit', () => {
  const before = unitStandings(erenhot2019, figures, '2020-07-01')
  expect(before.find((u) => u.unit.kind === 'archives')?.stages.map((s) => s.stage)).toEqual(['personnelFile'])
  const moved: Policy = { ...erenhot2019, stages: erenhot2019.stages.map((s) => (s.id === 'personnelFile' ? { ...s, responsible: 'enterprise' } : s)) }
  const after = unitStandings(moved, figures, '2020-07-01')
  expect(after.find((u) => u.unit.kind === 'archives')).toBeUndefined()
  const entA = after.find((u) => u.unit.orgId === 'ent-a')!
  expect(entA.stages.map((s) => s.stage)).toEqual(['roster', 'materials', 'agreement', 'personnelFile'])
  // c2's personnel file is open and past its 2020-06-30 deadline on 2020-07-01; c1's waits.
  expect(entA.stages.find((s) => s.stage === 'personnelFile')).toEqual({ stage: 'personnelFile', done: 0, open: 1, waiting: 1, overdue: 1 })
})

test('an enterprise’s open assets count as overdue after the policy’s asset deadline, and an earlier deadline in the policy moves that day', () => {
  const asset = (completedOn: string | null) => ({ kind: 'asset' as const, value: { enterpriseId: 'ent-a', completedOn, groupApprovedOn: '2020-04-01', sasacApprovedOn: completedOn ? '2020-04-02' : null } })
  const withAssets = countFigures([...cases.map((value) => ({ kind: 'case' as const, value })), asset(null), asset('2020-05-01'), asset(null)])
  const extras = (policy: Policy, today: string) => boardView(policy, withAssets, today, (u) => u.orgId ?? u.kind).enterprises.find((e) => e.enterpriseId === 'ent-a')
  expect(extras(erenhot2019, '2020-06-30')).toMatchObject({ assetsOpen: 2, assetsOverdue: 0, assetsAwaitingApproval: 2 })
  expect(extras(erenhot2019, '2020-07-01')).toMatchObject({ assetsOpen: 2, assetsOverdue: 2 })
  expect(extras({ ...erenhot2019, assetDeadline: '2020-05-31' }, '2020-06-01')).toMatchObject({ assetsOverdue: 2 })
})

describe('the concern board (issue 13)', () => {
  const concern = (unit: string, category: ConcernCategory, status: ConcernStatus, answerDue: string) => ({ kind: 'concern' as const, value: { unit, category, status, answerDue } })
  const name = (u: UnitRef) => unitKey(u)

  test('counts by unit, category and status from the maintained figures, and overdue as unanswered after the answer day', () => {
    const records = [
      concern('enterprise:e1', 'communityService', 'submitted', '2020-03-19'),
      concern('enterprise:e1', 'communityService', 'answered', '2020-03-19'),
      concern('enterprise:e1', 'outOfPool', 'submitted', '2020-03-20'),
      concern('hrss', 'pension', 'submitted', '2020-03-10'),
      concern('hrss', 'pension', 'resolved', '2020-03-10'),
      concern('community:c1', 'other', 'notResolved', '2020-03-01'),
    ]
    const board = concernBoard(countFigures(records), '2020-03-20', name)
    expect(board.total.byStatus).toEqual({ submitted: 3, answered: 1, resolved: 1, notResolved: 1 })
    expect(board.total.overdue).toBe(2) // due on 19 and 10 March, still unanswered; the one due today is not late yet
    expect(board.units.map((u) => [u.name, u.counts.overdue])).toEqual([
      ['enterprise:e1', 1],
      ['hrss', 1],
      ['community:c1', 0],
    ])
    const e1 = board.units.find((u) => u.name === 'enterprise:e1')!
    expect(e1.unit).toEqual({ kind: 'enterprise', orgId: 'e1' })
    expect(e1.counts.byCategory).toMatchObject({ communityService: 2, outOfPool: 1, pension: 0 })
    expect(board.units.find((u) => u.name === 'hrss')!.unit).toEqual({ kind: 'hrss', orgId: null })
  })

  test('for any concerns, the board’s totals equal a count of the records', () => {
    const categories = ['pension', 'medicalInsurance', 'personnelFile', 'partyRelation', 'communityService', 'outOfPool', 'other'] as const
    const statuses = ['submitted', 'answered', 'resolved', 'notResolved'] as const
    fc.assert(
      fc.property(
        fc.array(fc.record({ unit: fc.constantFrom('enterprise:e1', 'community:c2', 'hrss', 'archives'), category: fc.constantFrom(...categories), status: fc.constantFrom(...statuses), day: fc.integer({ min: 1, max: 28 }) })),
        (rows) => {
          const due = (d: number) => `2020-03-${String(d).padStart(2, '0')}`
          const board = concernBoard(countFigures(rows.map((r) => concern(r.unit, r.category, r.status, due(r.day)))), '2020-03-15', name)
          for (const s of statuses) expect(board.total.byStatus[s]).toBe(rows.filter((r) => r.status === s).length)
          expect(board.total.overdue).toBe(rows.filter((r) => r.status === 'submitted' && due(r.day) < '2020-03-15').length)
          for (const u of board.units) expect(Object.values(u.counts.byCategory).reduce((a, b) => a + b, 0)).toBe(rows.filter((r) => r.unit === u.name).length)
        },
      ),
    )
  })
})
