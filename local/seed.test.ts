import { STAGE_IDS } from '../shared/Stage'
import { addChinaDays, chinaDateOf, chinaDaysBetween } from '../shared/ChinaTime'
import { summarizeCase } from '../shared/CaseState'
import { countFigures } from '../shared/Figures'
import { CITY, takeSnapshots, type UnitSnapshot } from '../shared/UnitSnapshot'
import { allCases } from '../shared/testing/fixtures'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import { parseIdNumber } from '../shared/IdNumber'
import { ROLES } from '../shared/Role'
import { createIdNumberVault } from '../cloudfunctions/lib/AesIdNumberVault'
import { openSqliteStore } from './SqliteStore'
import { demoIdNumber, seedDemo } from './seed'


describe('demo seed', () => {
  const vault = createIdNumberVault(Buffer.alloc(32, 5))
  const store = openSqliteStore(':memory:')
  let cases: Awaited<ReturnType<typeof store.listCases>>['items'] = []

  beforeAll(async () => {
    await seedDemo(store, erenhot2019, vault, { count: 320, now: new Date('2020-03-20T01:00:00Z'), history: true })
    cases = (await store.listCases({ limit: 1000 })).items
  })
  afterAll(() => store.close())

  test('at least 3 enterprises, 5 communities and 300 retirees', async () => {
    expect((await store.listEnterprises()).length).toBeGreaterThanOrEqual(3)
    expect((await store.listCommunities()).length).toBeGreaterThanOrEqual(5)
    expect(cases.length).toBeGreaterThanOrEqual(300)
  })

  test('every stage is someone’s current stage, and some cases are done or out of scope', () => {
    const current = new Set(cases.map((c) => c.summary.currentStage))
    for (const stage of STAGE_IDS) expect([stage, current.has(stage)]).toEqual([stage, true])
    expect(cases.some((c) => c.summary.done)).toBe(true)
    expect(cases.some((c) => !c.summary.inScope)).toBe(true)
  })

  test('every category and flag occurs', () => {
    for (const employment of ['soeRetiree', 'publicInstitutionRetiree', 'retiredCadre', 'financialEnterpriseRetiree']) {
      expect([employment, cases.some((c) => c.categories.employment === employment)]).toEqual([employment, true])
    }
    for (const flag of ['partyMember', 'municipalCadre', 'classified', 'militaryIndustryLeader', 'livesAwayFromHukou'] as const) {
      expect([flag, cases.some((c) => c.categories[flag])]).toEqual([flag, true])
    }
    expect(cases.some((c) => c.actions.some((a) => a.type === 'classifiedFileHandled'))).toBe(true)
    expect(cases.some((c) => c.actions.some((a) => a.type === 'partyBranchAssigned'))).toBe(true)
  })

  test('names include long Mongolian names and names with ·', () => {
    const names = cases.map((c) => c.person.name)
    expect(names).toContain('斯日古楞')
    expect(names.some((n) => n.includes('·'))).toBe(true)
    expect(names.some((n) => n.length >= 6)).toBe(true)
  })

  test('ID numbers are valid, unique, and stored sealed only', () => {
    const plain = cases.map((c) => vault.open(c.person.idNumber))
    for (const id of plain) expect(parseIdNumber(id).ok).toBe(true)
    expect(new Set(plain).size).toBe(plain.length)
    const stored = JSON.stringify(store.db.prepare('SELECT * FROM cases').all())
    for (const id of plain.slice(0, 50)) expect(stored.includes(id)).toBe(false)
  })

  test('there is a demo user of every role', async () => {
    const roles = new Set((await store.listUsers()).map((u) => u.role))
    expect([...roles].sort()).toEqual([...ROLES].sort())
  })

  test('every unit has a snapshot for each day before the demo day, and the last is the cases as they stood that morning', async () => {
    const all: UnitSnapshot[] = []
    for (let after: string | undefined, more = true; more; ) {
      const page = await store.listDocs('unitSnapshot', {}, { limit: 1000, after })
      all.push(...page.items)
      after = page.nextCursor ?? undefined
      more = page.nextCursor !== null
    }
    const eve = '2020-03-19'
    const records = cases.map((c) => {
      const actions = c.actions.filter((a) => chinaDateOf(a.at) < eve)
      return { kind: 'case' as const, value: { ...c, actions, summary: summarizeCase(erenhot2019, { ...c, actions }) } }
    })
    const expected = takeSnapshots(erenhot2019, countFigures(records), eve, new Date())
    const units = expected.map((s) => s.unit)
    expect(units).toContain(CITY)
    // 4 enterprises, 6 communities and their party organisations, 3 bureaus (档案, 人社, 医保), the city.
    expect(units.length).toBe(4 + 6 + 6 + 3 + 1)
    const days = chinaDaysBetween('2019-09-21', eve) + 1
    expect(all.length).toBe(units.length * days)
    for (const unit of units) expect(all.filter((s) => s.unit === unit).map((s) => s.date)).toEqual(Array.from({ length: days }, (_, k) => addChinaDays('2019-09-21', k)))
    const onEve = all.filter((s) => s.date === eve)
    expect(onEve.map((s) => [s.unit, s.stages]).sort()).toEqual(expected.map((s) => [s.unit, s.stages]).sort())
  })
})

describe('demo seed with crowds', () => {
  const vault = createIdNumberVault(Buffer.alloc(32, 5))
  const store = openSqliteStore(':memory:')
  let cases: Awaited<ReturnType<typeof store.listCases>>['items'] = []
  const crowds = [
    { enterpriseId: 'ent-water', communityId: 'com-wulan', count: 2000 },
    { enterpriseId: 'ent-heat', communityId: 'com-gerile', count: 800, idPrefix: 'case-gerile-' },
  ]

  beforeAll(async () => {
    await seedDemo(store, erenhot2019, vault, { count: 320, now: new Date('2020-03-20T01:00:00Z'), crowds })
    cases = await allCases(store)
  })
  afterAll(() => store.close())

  test('each crowd adds its count of retirees of its enterprise, with their hukou in its community', () => {
    expect(cases.length).toBe(320 + 2000 + 800)
    const first = cases.filter((c) => c.id.startsWith('case-crowd1-'))
    const second = cases.filter((c) => c.id.startsWith('case-gerile-'))
    expect([first.length, second.length]).toEqual([2000, 800])
    for (const [crowd, members] of [[crowds[0], first], [crowds[1], second]] as const) {
      expect(members.every((c) => c.enterpriseId === crowd.enterpriseId && c.hukouCommunityId === crowd.communityId)).toBe(true)
    }
  })

  test('a crowd spreads over every stage, with some overdue, some done and some out of scope', () => {
    const crowd = cases.filter((c) => c.id.startsWith('case-crowd1-'))
    const current = new Set(crowd.map((c) => c.summary.currentStage))
    for (const stage of STAGE_IDS) expect([stage, current.has(stage)]).toEqual([stage, true])
    expect(crowd.some((c) => c.summary.done)).toBe(true)
    expect(crowd.some((c) => !c.summary.inScope)).toBe(true)
    expect(crowd.some((c) => c.summary.openItems.some((item) => item.deadline < '2020-03-20'))).toBe(true)
    expect(crowd.filter((c) => c.summary.inScope && c.summary.currentStage === 'agreement' && c.summary.receivingCommunityId === 'com-wulan').length).toBeGreaterThanOrEqual(100)
  })

  test('ID numbers stay valid and unique over thousands of people', () => {
    const plain = cases.map((c) => vault.open(c.person.idNumber))
    for (const id of plain) expect(parseIdNumber(id).ok).toBe(true)
    expect(new Set(plain).size).toBe(plain.length)
  })

  test('the first people are the same with or without crowds (seeding is deterministic)', async () => {
    const plainStore = openSqliteStore(':memory:')
    await seedDemo(plainStore, erenhot2019, vault, { count: 320, now: new Date('2020-03-20T01:00:00Z') })
    const plainCases = (await plainStore.listCases({ limit: 1000 })).items
    plainStore.close()
    const withCrowds = new Map(cases.map((c) => [c.id, c]))
    for (const c of plainCases) expect(withCrowds.get(c.id)?.actions).toEqual(c.actions)
  })

  test('a crowd that repeats case ids is refused before anything is written', async () => {
    const empty = openSqliteStore(':memory:')
    const twice = [crowds[1], crowds[1]].map((c) => ({ ...c, count: 3 }))
    await expect(seedDemo(empty, erenhot2019, vault, { count: 10, now: new Date('2020-03-20T01:00:00Z'), crowds: twice })).rejects.toThrow(/case-gerile-00001/)
    expect((await empty.listCases({ limit: 10 })).items).toEqual([])
    empty.close()
  })
})

describe('demoIdNumber', () => {
  test('gives distinct valid numbers for 6 000 sequences of one birth date and gender', () => {
    const ids = Array.from({ length: 6000 }, (_, i) => demoIdNumber('1950-01-01', i, 'female'))
    expect(new Set(ids).size).toBe(6000)
    for (const id of ids) expect(parseIdNumber(id)).toMatchObject({ ok: true, birthDate: '1950-01-01', gender: 'female' })
    expect(ids[0].slice(0, 6)).toBe('152501')
    expect(() => demoIdNumber('1950-01-01', 6000, 'female')).toThrow(RangeError)
  })
})
