import { STAGE_IDS } from '../shared/Stage'
import { erenhot2019 } from '../shared/policies/erenhot2019'
import { parseIdNumber } from '../shared/IdNumber'
import { ROLES } from '../shared/Role'
import { createIdNumberVault } from '../cloudfunctions/lib/AesIdNumberVault'
import { openSqliteStore } from './SqliteStore'
import { seedDemo } from './seed'

describe('demo seed', () => {
  const vault = createIdNumberVault(Buffer.alloc(32, 5))
  const store = openSqliteStore(':memory:')
  let cases: Awaited<ReturnType<typeof store.listCases>>['items'] = []

  beforeAll(async () => {
    await seedDemo(store, erenhot2019, vault, { count: 320, now: new Date('2020-03-20T01:00:00Z') })
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
})
