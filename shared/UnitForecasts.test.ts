import { addChinaDays } from './ChinaTime'
import { countFigures } from './Figures'
import { makeCase, withSteps } from './testing/fixtures'
import { erenhot2019 } from './policies/erenhot2019'
import type { StageId } from './Stage'
import { emptySnapshot, unitForecasts, unitRefOf, UnitForecastListView } from './UnitForecasts'
import { CITY, snapshotId, takeSnapshots, type UnitSnapshot } from './UnitSnapshot'

const policy = erenhot2019
const TODAY = '2020-03-20'
const at = new Date('2020-03-20T01:00:00Z')

/** A unit's snapshots four, three, two and one weeks ago and today: `done` at each, `total` items per stage. */
function weeks(unit: string, stages: Array<{ stage: StageId; done: number[]; total: number }>): UnitSnapshot[] {
  return [-28, -21, -14, -7, 0].map((offset, k) => {
    const date = addChinaDays(TODAY, offset)
    return { id: snapshotId(unit, date), version: 1, unit, date, takenAt: at.toISOString(), stages: stages.map((s) => ({ stage: s.stage, done: s.done[k], open: s.total - s.done[k], waiting: 0, overdue: 0 })) }
  })
}

const NAMES: Record<string, string> = { 'enterprise:ent-a': '供水公司', 'enterprise:ent-b': '供热公司', 'community:com-a': '乌兰社区', archives: '市档案局' }
const nameOf = (key: string) => NAMES[key] ?? key

describe('every unit’s forecast', () => {
  const all = [
    ...weeks('community:com-a', [{ stage: 'takenIn', done: [0, 10, 20, 30, 40], total: 60 }]),
    ...weeks('enterprise:ent-a', [
      { stage: 'roster', done: [50, 50, 50, 50, 50], total: 50 },
      { stage: 'agreement', done: [0, 2, 4, 6, 8], total: 48 },
    ]),
    ...weeks('enterprise:ent-b', [{ stage: 'roster', done: [3, 3, 3, 3, 3], total: 9 }]),
    ...weeks('archives', [{ stage: 'personnelFile', done: [0, 1, 2, 3, 3], total: 3 }]),
    ...weeks(CITY, [{ stage: 'roster', done: [0, 0, 0, 0, 0], total: 0 }]),
  ]
  const current = all.filter((s) => s.date === TODAY)
  const history = all.filter((s) => s.date < TODAY)
  const items = unitForecasts(policy, TODAY, current, history, nameOf)

  test('the units projected to miss come first, stalled before late, each with its worst stage in one sentence', () => {
    expect(items.map((u) => [u.key, u.flagged])).toEqual([
      ['enterprise:ent-b', true],
      ['enterprise:ent-a', true],
      ['community:com-a', false],
      ['archives', false],
    ])
    expect(items[0]).toMatchObject({ unit: { kind: 'enterprise', orgId: 'ent-b' }, name: '供热公司', headline: '摸底造册：近四周没有进展，按目前进度办不完。' })
    // 40 left at 2 a week: 140 days, to 2020-08-07, 129 days after 2020-03-31.
    expect(items[1].headline).toBe('签订移交协议：按目前进度，预计2020年8月7日办完，比截止日期晚129天。')
    expect(items[1].stages.map((s) => [s.stage, s.forecast.status])).toEqual([
      ['roster', 'finished'],
      ['agreement', 'late'],
    ])
    expect(items[2]).toMatchObject({ headline: null, stages: [{ stage: 'takenIn', forecast: { status: 'onTrack', projectedOn: '2020-04-03' } }] })
    expect(items[3].stages[0].forecast.status).toBe('finished')
    expect(UnitForecastListView.parse({ today: TODAY, items })).toEqual({ today: TODAY, items })
  })

  test('today’s snapshot from the live figures stands over a stored one of today', () => {
    const stale = { ...current.find((s) => s.unit === 'enterprise:ent-b')!, stages: [{ stage: 'roster' as const, done: 0, open: 9, waiting: 0, overdue: 0 }] }
    const again = unitForecasts(policy, TODAY, current, [...history, stale], nameOf)
    expect(again.find((u) => u.key === 'enterprise:ent-b')!.stages[0].forecast).toMatchObject({ done: 3, remaining: 6 })
  })

  test('a unit with no cases has every stage of its kind with nothing to do', () => {
    const [only] = unitForecasts(policy, TODAY, [emptySnapshot(policy, 'community:com-b', TODAY, at)], [], nameOf)
    expect(only).toMatchObject({ key: 'community:com-b', flagged: false, headline: null })
    expect(only.stages.map((s) => [s.stage, s.forecast.status, s.forecast.sentence])).toEqual([
      ['agreement', 'noItems', '没有需要办理的事项。'],
      ['takenIn', 'noItems', '没有需要办理的事项。'],
    ])
  })

  test('unit keys read back as units; anything else is refused', () => {
    expect(unitRefOf('enterprise:ent-a')).toEqual({ kind: 'enterprise', orgId: 'ent-a' })
    expect(unitRefOf('party')).toEqual({ kind: 'party', orgId: null })
    expect(() => unitRefOf(CITY)).toThrow(RangeError)
  })
})

describe('a unit of new retirees, each with deadlines of their own', () => {
  // Cases opened in 2023, after the 2019 plan's last date: their deadlines count from the opening day.
  const cases = [
    makeCase(policy, { id: 'case-n1', enterpriseId: 'ent-n', openedAt: '2023-03-01T02:00:00Z' }),
    withSteps(policy, makeCase(policy, { id: 'case-n2', enterpriseId: 'ent-n', openedAt: '2023-04-10T02:00:00Z' }), ['rosterConfirmed'], Date.parse('2023-04-11T02:00:00Z')),
  ]
  const today = '2023-04-20'
  const figures = countFigures(cases.map((value) => ({ kind: 'case' as const, value })))
  const current = takeSnapshots(policy, figures, today, new Date('2023-04-20T01:00:00Z'))

  test('a snapshot keeps the latest deadline of what is left, the forecast measures against it', () => {
    const unit = current.find((s) => s.unit === 'enterprise:ent-n')!
    const latest = (stage: StageId) => cases.map((c) => c.summary.stages[stage]).filter((s) => s && s.state !== 'done').map((s) => s!.deadline!).sort().at(-1)
    expect(unit.stages.find((s) => s.stage === 'roster')?.lastDeadline).toBe(latest('roster'))
    expect(unit.stages.find((s) => s.stage === 'materials')?.lastDeadline).toBe('2023-05-10')
    const forecasts = unitForecasts(policy, today, current, [], (k) => k).find((u) => u.key === 'enterprise:ent-n')!
    expect(forecasts.stages.find((s) => s.stage === 'materials')?.forecast.deadline).toBe('2023-05-10')
  })
})
