/** forecast.units and board.burnDown on the seeded demo, with its snapshot history. */
import type { BurnDownView } from '../../../shared/BurnDown'
import { addChinaDays } from '../../../shared/ChinaTime'
import { countFigures } from '../../../shared/Figures'
import { erenhot2019 } from '../../../shared/policies/erenhot2019'
import { allCases, withSteps } from '../../../shared/testing/fixtures'
import { unitForecasts, type UnitForecastListView } from '../../../shared/UnitForecasts'
import { CITY, replaySnapshots, takeSnapshots } from '../../../shared/UnitSnapshot'
import { seededCloud } from '../../../test/support/cloudHarness'

type Cloud = Awaited<ReturnType<typeof seededCloud>>
const TODAY = '2020-03-20'

/** Every unit's forecasts counted the slow way: today from the cases, the days before replayed from their logs. */
async function bruteForce(cloud: Cloud) {
  const cases = await allCases(cloud.store)
  const now = cloud.clock.now()
  const live = takeSnapshots(erenhot2019, countFigures(cases.map((value) => ({ kind: 'case' as const, value }))), TODAY, now)
  const history = replaySnapshots(erenhot2019, cases, addChinaDays(TODAY, -28), addChinaDays(TODAY, -1), () => now)
  return { live, history, cases }
}

describe('forecasts', () => {
  let cloud: Cloud
  beforeAll(async () => {
    cloud = await seededCloud({ count: 80, now: '2020-03-20T01:00:00Z', history: true })
  })
  afterAll(() => cloud.close())

  test('the office gets every unit, flagged ones first, each stage as its snapshots and today’s figures project it', async () => {
    const view = await cloud.ok<UnitForecastListView>('dev-office', 'forecast.units')
    const { live, history } = await bruteForce(cloud)
    const names = new Map<string, string>(view.items.map((u) => [u.key, u.name]))
    expect(view).toEqual({ today: TODAY, items: unitForecasts(erenhot2019, TODAY, live, history, (key) => names.get(key)!) })
    expect(view.items.map((u) => u.key).sort()).toEqual(live.filter((s) => s.unit !== CITY).map((s) => s.unit).sort())
    // The demo's cases stop at the depth the seed gave them, mostly by February: most units are flagged on its day.
    const flags = view.items.map((u) => u.flagged)
    expect(flags).toContain(true)
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)))
    expect(view.items.find((u) => u.key === 'enterprise:ent-water')).toMatchObject({ name: '二连浩特市供排水有限责任公司' })
    expect(view.items.find((u) => u.key === 'archives')).toMatchObject({ name: expect.stringContaining('档案局') })
    for (const u of view.items.filter((x) => x.flagged)) expect(u.headline).toMatch(/^.+：(近.周没有进展，按目前进度办不完|按目前进度，预计\d{4}年\d+月\d+日办完，比截止日期晚\d+天)。$/)
  })

  test('a bulletin carries the flagged units, each with its worst stage in one sentence', async () => {
    const { items } = await cloud.ok<UnitForecastListView>('dev-office', 'forecast.units')
    const bulletin = await cloud.ok<{ flags: Array<{ unitKey: string; name: string; sentence: string }> }>('dev-office', 'bulletin.preview', { date: TODAY })
    const flagged = items.filter((u) => u.flagged)
    expect(flagged.length).toBeGreaterThan(0)
    expect(bulletin.flags).toEqual(flagged.map((u) => ({ unitKey: u.key, name: u.name, sentence: u.headline })))
  })

  test('each unit’s staff get their own unit only, whatever the input says', async () => {
    const own = async (userId: string, input: unknown = {}) => (await cloud.ok<UnitForecastListView>(userId, 'forecast.units', input)).items.map((u) => [u.key, u.stages.map((s) => s.stage)])
    expect(await own('dev-ent-water', { orgId: 'ent-heat', unit: 'enterprise:ent-heat' })).toEqual([['enterprise:ent-water', ['roster', 'materials', 'agreement']]])
    expect(await own('dev-admin-wulan')).toEqual([['community:com-wulan', ['agreement', 'takenIn']]])
    expect(await own('dev-archives')).toEqual([['archives', ['personnelFile']]])
    expect(await own('dev-partysec-wulan')).toEqual([['communityParty:com-wulan', ['partyRelation']]])
    expect(await own('dev-hrss')).toEqual([['hrss', ['socialSecurity']]])
    // The organisation department oversees; no stage is its own under this policy.
    expect(await own('dev-party')).toEqual([])
    const office = await cloud.ok<UnitForecastListView>('dev-office', 'forecast.units')
    const mine = await cloud.ok<UnitForecastListView>('dev-ent-heat', 'forecast.units')
    expect(mine.items).toEqual(office.items.filter((u) => u.key === 'enterprise:ent-heat'))
  })

  test('today counts as it stands now: a step recorded today shows at once', async () => {
    const before = (await cloud.ok<UnitForecastListView>('dev-ent-grain', 'forecast.units')).items[0].stages.find((s) => s.stage === 'roster')!.forecast
    const fresh = await cloud.addCase('case-9001', { enterpriseId: 'ent-grain' })
    const after = (await cloud.ok<UnitForecastListView>('dev-ent-grain', 'forecast.units')).items[0].stages.find((s) => s.stage === 'roster')!.forecast
    expect(after.remaining).toBe(before.remaining + 1)
    await cloud.store.commit({ cases: [{ next: withSteps(erenhot2019, fresh, ['rosterConfirmed'], cloud.clock.now().getTime()), expectedVersion: fresh.version }] })
    const done = (await cloud.ok<UnitForecastListView>('dev-ent-grain', 'forecast.units')).items[0].stages.find((s) => s.stage === 'roster')!.forecast
    expect([done.done, done.remaining]).toEqual([after.done + 1, after.remaining - 1])
    expect(done.weeklyDone[3]).toBe(after.weeklyDone[3]! + 1)
  })

  test('an enterprise with no cases: every stage has nothing to do', async () => {
    await cloud.store.commit({
      enterprises: [{ id: 'ent-new', code: 'NEW', name: '新加入的企业', contactName: '王五', contactPhone: '0479-7520000' }],
      users: [{ id: 'op-new', role: 'enterpriseOperator', name: '经办人 王五', orgId: 'ent-new' }],
    })
    const { items } = await cloud.ok<UnitForecastListView>('op-new', 'forecast.units')
    expect(items).toEqual([{ unit: { kind: 'enterprise', orgId: 'ent-new' }, key: 'enterprise:ent-new', name: '新加入的企业', flagged: false, headline: null, stages: expect.any(Array) }])
    expect(items[0].stages.map((s) => [s.stage, s.forecast.status])).toEqual([
      ['roster', 'noItems'],
      ['materials', 'noItems'],
      ['agreement', 'noItems'],
    ])
  })

  test('the burn-down: the city’s open items each day from the first snapshot to today, against every deadline', async () => {
    const view = await cloud.ok<BurnDownView>('dev-office', 'board.burnDown')
    const cases = await allCases(cloud.store)
    const city = takeSnapshots(erenhot2019, countFigures(cases.map((value) => ({ kind: 'case' as const, value }))), TODAY, cloud.clock.now()).find((s) => s.unit === CITY)!
    expect(view.points[0].date).toBe('2019-09-21')
    expect(view.points.at(-1)).toEqual({ date: TODAY, open: city.stages.reduce((n, s) => n + s.open + s.waiting, 0), overdue: city.stages.reduce((n, s) => n + s.overdue, 0) })
    expect(view.points.length).toBe(182)
    expect(view.deadlines.map((d) => d.date)).toEqual(['2019-11-30', '2020-03-31', '2020-06-30', '2020-10-31'])
    const roster = city.stages.filter((s) => s.stage === 'roster' || s.stage === 'materials').reduce((n, s) => n + s.open + s.waiting, 0)
    expect(view.deadlines[0]).toMatchObject({ dueOpenNow: roster, dueOpenAfter: expect.any(Number) })
    expect(view.deadlines[1].dueOpenAfter).toBeNull()
    expect(view.max).toBe(Math.max(...view.points.map((p) => p.open)))
  })

  test('refused: the burn-down to anyone but the office, forecasts to grid workers and the retiree’s side', async () => {
    for (const userId of ['dev-ent-water', 'dev-admin-wulan', 'dev-archives', 'dev-grid-wulan', 'dev-retiree-1']) {
      const res = await cloud.call(userId, 'board.burnDown')
      expect([userId, res.ok ? 'ok' : res.error.code]).toEqual([userId, 'FORBIDDEN'])
    }
    for (const userId of ['dev-grid-wulan', 'dev-retiree-1', 'dev-relative-1']) {
      const res = await cloud.call(userId, 'forecast.units')
      expect([userId, res.ok ? 'ok' : res.error.code]).toEqual([userId, 'FORBIDDEN'])
    }
    expect(await cloud.call(null, 'forecast.units')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
  })
})
