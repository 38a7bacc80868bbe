/** board.*: the office's board, each unit's own standing, and the cases behind a figure, on the seeded demo. */
import type { BoardView, OwnStandingView } from '../../../shared/Board'
import type { RetireeCase } from '../../../shared/Case'
import { chinaDateOf } from '../../../shared/ChinaTime'
import { erenhot2019 } from '../../../shared/policies/erenhot2019'
import type { StageId } from '../../../shared/Stage'
import { allCases, makeCase, withSteps } from '../../../shared/testing/fixtures'
import { seededCloud } from '../../../test/support/cloudHarness'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

/** A stage's counts among some cases, by brute force over their action-derived summaries. */
function count(cases: RetireeCase[], stage: StageId, today: string) {
  const of = (state: string) => cases.filter((c) => c.summary.stages[stage]?.state === state)
  return {
    done: of('done').length,
    open: of('open').length,
    waiting: of('waiting').length,
    overdue: of('open').filter((c) => (c.summary.stages[stage]?.deadline ?? '9999') < today).length,
  }
}

async function drill(cloud: Cloud, userId: string, input: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = []
  let after: string | undefined
  for (let n = 0; n < 200; n++) {
    const page = await cloud.ok<{ items: Array<{ id: string; idNumberMasked: string }>; nextCursor: string | null }>(userId, 'board.cases', { ...input, ...(after && { after }) })
    for (const item of page.items) expect(item.idNumberMasked).toMatch(/^\d{6}\*{12}$/)
    ids.push(...page.items.map((i) => i.id))
    if (!page.nextCursor) return ids
    after = page.nextCursor
  }
  throw new Error('pagination did not end')
}

describe('the board', () => {
  let cloud: Cloud
  let cases: RetireeCase[]
  let today: string
  beforeAll(async () => {
    cloud = await seededCloud({ count: 160, now: '2020-04-20T01:00:00Z' })
    cases = await allCases(cloud.store)
    today = chinaDateOf(cloud.clock.now())
  })
  afterAll(() => cloud.close())

  test('every cell of stage × enterprise and stage × community equals a count of the cases', async () => {
    const board = await cloud.ok<BoardView>('dev-office', 'board.overview')
    expect(board.today).toBe(today)
    expect(board.byEnterprise.length).toBeGreaterThan(1)
    for (const row of board.byEnterprise) {
      const mine = cases.filter((c) => c.enterpriseId === row.orgId)
      board.stages.forEach((s, i) => expect(row.stages[i]).toEqual(count(mine, s.id as StageId, today)))
    }
    for (const row of board.byCommunity) {
      const mine = cases.filter((c) => c.summary.receivingCommunityId === row.orgId)
      board.stages.forEach((s, i) => expect(row.stages[i]).toEqual(count(mine, s.id as StageId, today)))
    }
    for (const s of board.stages) expect(s.city).toEqual(count(cases, s.id as StageId, today))
    expect(board.stages.reduce((n, s) => n + s.city.overdue, 0)).toBeGreaterThan(0)
  })

  test('overdue is grouped by the unit the policy makes responsible, and a bureau is one unit for the city', async () => {
    const board = await cloud.ok<BoardView>('dev-office', 'board.overview')
    const archives = board.units.find((u) => u.key === 'archives')!
    expect(archives.name).toBe(erenhot2019.bureaus.archives.name)
    expect(archives.stages.map((s) => s.stage)).toEqual(erenhot2019.stages.filter((s) => s.responsible === 'archives').map((s) => s.id))
    expect(archives.total.open).toBe(count(cases, 'personnelFile', today).open)
    const water = board.units.find((u) => u.key === 'enterprise:ent-water')!
    const waterCases = cases.filter((c) => c.enterpriseId === 'ent-water')
    const own = erenhot2019.stages.filter((s) => s.responsible === 'enterprise').map((s) => s.id)
    expect(water.total.overdue).toBe(own.reduce((n, s) => n + count(waterCases, s, today).overdue, 0))
    // The bars come with the most overdue first.
    const overdue = board.units.map((u) => u.total.overdue)
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a))
  })

  test('an overdue cell drills down to exactly its cases, masked, page by page; a cell before its deadline has none overdue', async () => {
    const board = await cloud.ok<BoardView>('dev-office', 'board.overview')
    const i = board.stages.findIndex((s) => s.id === 'materials')
    const row = board.byEnterprise.find((r) => r.stages[i].overdue > 0)!
    const ids = await drill(cloud, 'dev-office', { side: 'enterprise', orgId: row.orgId, stage: 'materials', state: 'overdue' })
    expect(ids.length).toBe(row.stages[i].overdue)
    const expected = cases.filter((c) => c.enterpriseId === row.orgId && c.summary.stages.materials?.state === 'open').map((c) => c.id).sort()
    expect(ids).toEqual(expected)
    expect(await drill(cloud, 'dev-office', { side: 'city', stage: 'takenIn', state: 'overdue' })).toEqual([])
    const cityDone = await drill(cloud, 'dev-office', { side: 'city', stage: 'roster', state: 'done' })
    expect(cityDone.length).toBe(board.stages[0].city.done)
  })

  test('an enterprise sees its own standing and drills into its own cases only, whatever unit it names', async () => {
    const mine = await cloud.ok<OwnStandingView>('dev-ent-water', 'board.mine')
    const board = await cloud.ok<BoardView>('dev-office', 'board.overview')
    expect(mine.unit).toEqual(board.units.find((u) => u.key === 'enterprise:ent-water'))
    expect(mine.enterprise).toMatchObject({ enterpriseId: 'ent-water' })
    const ids = await drill(cloud, 'dev-ent-water', { side: 'enterprise', orgId: 'ent-heat', stage: 'roster', state: 'done' })
    expect(ids.length).toBeGreaterThan(0)
    const byId = new Map(cases.map((c) => [c.id, c]))
    expect(ids.every((id) => byId.get(id)!.enterpriseId === 'ent-water')).toBe(true)
    const community = await cloud.ok<OwnStandingView>('dev-admin-wulan', 'board.mine')
    expect(community.unit?.key).toBe('community:com-wulan')
    expect(community.enterprise).toBeNull()
  })

  test('the office alone sees the whole board; a retiree sees none of it', async () => {
    expect((await cloud.call('dev-ent-water', 'board.overview')).ok).toBe(false)
    expect((await cloud.call('dev-retiree-1', 'board.cases', { side: 'city', stage: 'roster', state: 'done' })).ok).toBe(false)
    expect((await cloud.call('dev-office', 'board.mine')).ok).toBe(false)
  })
})

test('the archives officer picks from every enterprise the store holds, each with the people whose file is to be handed over now', async () => {
  const cloud = await seededCloud({ count: 120, now: '2020-05-20T01:00:00Z' })
  const cases = await allCases(cloud.store)
  const { items } = await cloud.ok<{ items: Array<{ enterpriseId: string; name: string; waiting: number }> }>('dev-archives', 'archives.enterprises')
  const enterprises = await cloud.store.listEnterprises()
  expect(items.map((i) => [i.enterpriseId, i.name])).toEqual(enterprises.map((e) => [e.id, e.name]))
  for (const i of items) expect(i.waiting).toBe(cases.filter((c) => c.enterpriseId === i.enterpriseId && c.summary.stages.personnelFile?.state === 'open').length)
  expect(items.some((i) => i.waiting > 0)).toBe(true)
  expect((await cloud.call('dev-ent-water', 'archives.enterprises')).ok).toBe(false)
  cloud.close()
})

describe('the drill-down for new retirees, each with deadlines of their own', () => {
  test('an overdue cell lists the cases past their own deadline, as the figure counts them, not every open one', async () => {
    // 2021-06-01: two cases opened after the plan's last date, one long enough ago that its materials are overdue.
    const cloud = await seededCloud({ count: 5, now: '2021-06-01T02:00:00Z' })
    const opened = (id: string, at: string) => withSteps(erenhot2019, makeCase(erenhot2019, { id, enterpriseId: 'ent-water', hukouCommunityId: 'com-wulan', openedAt: at }), ['rosterConfirmed'], Date.parse(at) + 3600_000)
    const late = opened('case-new-late', '2021-03-01T02:00:00Z')
    const fresh = opened('case-new-fresh', '2021-05-20T02:00:00Z')
    await cloud.store.commit({ cases: [late, fresh].map((next) => ({ next, expectedVersion: null })) })
    const board = await cloud.ok<BoardView>('dev-office', 'board.overview')
    const i = board.stages.findIndex((s) => s.id === 'materials')
    const water = board.byEnterprise.find((r) => r.orgId === 'ent-water')!
    const ids = await drill(cloud, 'dev-office', { side: 'enterprise', orgId: 'ent-water', stage: 'materials', state: 'overdue' })
    expect(ids).toContain('case-new-late')
    expect(ids).not.toContain('case-new-fresh')
    expect(ids.length).toBe(water.stages[i].overdue)
    cloud.close()
  })
})
