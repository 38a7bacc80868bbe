import { join } from 'node:path'
import { STORE_INDEXES } from '../../shared/ports/StoreIndexes'
import { FUNCTION_TIMEOUT_SECONDS } from '../../shared/ports/StoreLimits'
import permissions from '../../cloudfunctions/permissions.json'
import { buildDeployPlan, PlanError, type PlanSources } from './plan'
import { readPlanSources } from './sources'
import { materialPath } from '../../shared/Materials'

const root = join(__dirname, '..', '..')
const sources = readPlanSources(root)
const plan = buildDeployPlan(sources)

describe('the deploy plan is the store’s own declarations', () => {
  test('its collections are exactly the keys of STORE_INDEXES and of permissions.json, each admin-only', () => {
    const names = plan.collections.map((c) => c.name)
    expect(names).toEqual(Object.keys(STORE_INDEXES).sort())
    expect(names).toEqual(Object.keys(permissions.database).sort())
    for (const c of plan.collections) expect(c.acl).toBe('ADMINONLY')
  })

  test('every collection carries exactly its declared indexes', () => {
    for (const c of plan.collections) {
      const declared = STORE_INDEXES[c.name as keyof typeof STORE_INDEXES]
      expect(c.indexes.map((i) => `${i.name}:${i.fields.join(',')}`).sort()).toEqual(declared.map((i) => `${i.name}:${i.fields.join(',')}`).sort())
    }
  })

  test('every function has a timeout within the cloud’s limit, a memory size, its trigger and every secret by name', () => {
    expect(plan.functions.map((f) => f.name)).toEqual(['api', 'migrate', 'notify', 'print', 'roster'])
    for (const f of plan.functions) {
      expect(f.timeout).toBeLessThanOrEqual(FUNCTION_TIMEOUT_SECONDS)
      expect(f.memorySize).toBeGreaterThanOrEqual(128)
      // PII_MASTER_KEY everywhere, the rotation's keys everywhere when set, the archive key only where migrate reads it.
      expect(f.secrets).toEqual([
        { name: 'PII_MASTER_KEY', required: true },
        { name: 'PII_PREVIOUS_KEY', required: false },
        { name: 'PII_LOOKUP_KEY', required: false },
        ...(f.name === 'migrate' ? [{ name: 'ARCHIVE_KEY', required: false }] : []),
      ])
    }
    expect(plan.functions.find((f) => f.name === 'notify')!.triggers).toEqual([{ name: 'hourly', type: 'timer', config: '0 0 * * * * *' }])
    expect(plan.functions.find((f) => f.name === 'migrate')!.triggers).toEqual([{ name: 'nightly', type: 'timer', config: '0 0 3 * * * *' }])
  })

  test('no client may read cloud storage back', () => {
    expect(plan.storage.rule.read).toBe(false)
  })
})

describe('a declaration the plan cannot be built from is refused, naming it', () => {
  const withPermissions = (database: Record<string, string>): PlanSources => ({ ...sources, permissions: { database } })
  const refused = (s: PlanSources) => {
    try {
      buildDeployPlan(s)
    } catch (e) {
      expect(e).toBeInstanceOf(PlanError)
      return (e as Error).message
    }
    throw new Error('the plan was built')
  }

  test('a collection the store declares but permissions.json does not', () => {
    const { cases: _cases, ...rest } = permissions.database
    expect(refused(withPermissions(rest))).toMatch(/without a permission.*cases/)
  })
  test('a permission for a collection the store does not declare', () => {
    expect(refused(withPermissions({ ...permissions.database, stray: 'ADMINONLY' }))).toMatch(/stray/)
  })
  test('an unknown permission', () => {
    expect(refused(withPermissions({ ...permissions.database, cases: 'EVERYONE' }))).toMatch(/cases: unknown permission EVERYONE/)
  })
  test('a function without a timeout, or with one beyond the cloud’s limit, or without memory', () => {
    const fn = (config: object): PlanSources => ({ ...sources, functions: [{ name: 'api', config }] })
    expect(refused(fn({ memorySize: 256 }))).toMatch(/api\/config.json: timeout/)
    expect(refused(fn({ timeout: FUNCTION_TIMEOUT_SECONDS + 1, memorySize: 256 }))).toMatch(/timeout/)
    expect(refused(fn({ timeout: 10, memorySize: 300 }))).toMatch(/memorySize/)
    expect(refused(fn({ timeout: 10, memorySize: 256, triggers: [{ name: 't', type: 'timer', config: '0 0 * * *' }] }))).toMatch(/7-field cron/)
  })
  test('two indexes of one name in a collection', () => {
    const indexes = { ...STORE_INDEXES, agreements: [...STORE_INDEXES.agreements, { name: 'by_enterprise', fields: ['x'] }] }
    expect(refused({ ...sources, indexes })).toMatch(/agreements: two indexes named by_enterprise/)
  })
})

describe('the storage rule', () => {
  // The rule's regular expression, read back out of the rule as the storage service would.
  const literal = /\/(\^materials.*\$)\/\.test\(resource\.path\) == true/.exec(plan.storage.rule.write)
  const pathRule = new RegExp(literal![1])

  test('lets a client write only its own files, only where the app uploads materials', () => {
    expect(plan.storage.rule.write).toMatch(/^auth\.openid != null && resource\.openid == auth\.openid && /)
    expect(pathRule.test(materialPath('oAbC-12_xyz', 'case-0001', 'lq3k2-8f7a6b5c.jpg'))).toBe(true)
    for (const path of ['materials/o1/case-1/../x.jpg', 'exports/archive.zip', 'materials/o1/x.jpg', 'materials/o1/case-1/a/b.jpg', 'materials/o1/case-1/photo']) expect(pathRule.test(path)).toBe(false)
  })
})
