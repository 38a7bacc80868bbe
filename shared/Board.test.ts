import { boardView, unitStandings } from './Board'
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
