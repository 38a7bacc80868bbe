import fc from 'fast-check'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { applyPlan, codeSha256Of, verifyPlan, type LocalInputs } from './apply'
import { FakeCloudBaseManager } from './FakeCloudBaseManager'
import { buildDeployPlan } from './plan'
import { readPlanSources } from './sources'

const plan = buildDeployPlan(readPlanSources(join(__dirname, '..', '..')))
const ENV = 'env-placeholder'
const KEY = 'a'.repeat(64)

/** A built function folder per function (what scripts/build-functions.mjs writes), in a temporary directory. */
function builtFunctions(): string {
  const root = mkdtempSync(join(tmpdir(), 'deploy-'))
  for (const f of plan.functions) {
    mkdirSync(join(root, f.name))
    writeFileSync(join(root, f.name, 'index.js'), `exports.main = async () => ${JSON.stringify(f.name)}\n`)
  }
  return root
}

function localInputs(root: string, secrets: Record<string, string | undefined> = { PII_MASTER_KEY: KEY }): LocalInputs {
  return { envId: ENV, functionRoot: root, codeSha256: Object.fromEntries(plan.functions.map((f) => [f.name, codeSha256Of(root, f.name)])), secrets }
}

async function deployedEnvironment() {
  const api = new FakeCloudBaseManager({ envId: ENV })
  const local = localInputs(builtFunctions())
  await applyPlan(api, plan, local)
  return { api, local }
}

const aclOf = async (api: FakeCloudBaseManager, name: string) => ((await api.commonService().call({ Action: 'DescribeDatabaseACL', Param: { EnvId: ENV, CollectionName: name } })) as { AclTag: string }).AclTag

describe('apply on a new environment', () => {
  test('creates every collection admin-only with its declared indexes, every function with its config, and the storage rule', async () => {
    const api = new FakeCloudBaseManager({ envId: ENV })
    const root = builtFunctions()
    const lines: string[] = []
    const { changed } = await applyPlan(api, plan, localInputs(root), (l) => lines.push(l))

    expect([...api.collections.keys()].sort()).toEqual(plan.collections.map((c) => c.name))
    for (const c of plan.collections) {
      expect(await aclOf(api, c.name)).toBe('ADMINONLY')
      const { Indexes } = await api.database.describeCollection(c.name)
      for (const i of c.indexes) expect(Indexes!.find((x) => x.Name === i.name)!.Keys.map((k) => k.Name)).toEqual(i.fields)
    }
    for (const f of plan.functions) {
      const d = await api.functions.getFunctionDetail(f.name)
      expect({ timeout: d.Timeout, memory: d.MemorySize, env: d.Environment.Variables }).toEqual({ timeout: f.timeout, memory: f.memorySize, env: [{ Key: 'PII_MASTER_KEY', Value: KEY }] })
      expect(d.Triggers.map((t) => t.TriggerName)).toEqual(f.triggers.map((t) => t.name))
      expect(api.functionsDeployed.get(f.name)!.codeSha256).toBe(codeSha256Of(root, f.name))
    }
    expect(await api.storage.getStorageAcl({ withRule: true })).toEqual({ acl: 'CUSTOM', rule: plan.storage.rule })
    // One line per collection created, its indexes, its permission; one per function; the storage rule.
    const withIndexes = plan.collections.filter((c) => c.indexes.length).length
    expect(changed).toHaveLength(plan.collections.length * 2 + withIndexes + plan.functions.length + 1)
    expect(lines).toEqual(changed.map((c) => `changed: ${c}`))
  })

  test('run again, it changes nothing and makes no mutating call', async () => {
    const { api, local } = await deployedEnvironment()
    const before = api.mutations().length
    const lines: string[] = []
    const { changed } = await applyPlan(api, plan, local, (l) => lines.push(l))
    expect(changed).toEqual([])
    expect(lines).toEqual(['nothing changed: the environment matches the plan'])
    expect(api.mutations().length).toBe(before)
    expect((await verifyPlan(api, plan, local)).drift).toEqual([])
  })

  test('without the secret in the shell nothing is changed, and the refusal names the secret', async () => {
    const api = new FakeCloudBaseManager({ envId: ENV })
    await expect(applyPlan(api, plan, localInputs(builtFunctions(), {}))).rejects.toThrow(/api: PII_MASTER_KEY is not set in the shell/)
    expect(api.mutations()).toEqual([])
  })

  test('a secret on a function is never replaced: a different one in the shell stops the apply before any change', async () => {
    const { api, local } = await deployedEnvironment()
    await api.functions.updateFunctionConfig({ name: 'roster', timeout: 10 })
    const before = api.mutations().length
    const other = { ...local, secrets: { PII_MASTER_KEY: 'b'.repeat(64) } }
    await expect(applyPlan(api, plan, other)).rejects.toThrow(/api: PII_MASTER_KEY in the shell differs from the function's/)
    expect(api.mutations().length).toBe(before)
    expect((await verifyPlan(api, plan, other)).drift).toContain("roster: PII_MASTER_KEY in the shell differs from the function's; a deploy never replaces a secret (check the shell's value)")
    expect((await api.functions.getFunctionDetail('api')).Environment.Variables).toEqual([{ Key: 'PII_MASTER_KEY', Value: KEY }])
  })

  test('a later run without the secret in the shell keeps the deployed one', async () => {
    const { api, local } = await deployedEnvironment()
    const before = api.mutations().length
    expect((await applyPlan(api, plan, { ...local, secrets: {} })).changed).toEqual([])
    expect(api.mutations().length).toBe(before)
  })
})

describe('drift: verify names it, apply repairs it', () => {
  test('a collection set to PRIVATE and an index dropped', async () => {
    const { api, local } = await deployedEnvironment()
    await api.commonService().call({ Action: 'ModifyDatabaseACL', Param: { EnvId: ENV, CollectionName: 'cases', AclTag: 'PRIVATE' } })
    await api.database.updateCollection('audit', { DropIndexes: [{ IndexName: 'by_case' }] })

    const { drift } = await verifyPlan(api, plan, local)
    expect(drift).toEqual(['collection audit: index by_case missing', 'collection cases: permission PRIVATE → ADMINONLY'])

    expect((await applyPlan(api, plan, local)).changed).toEqual(drift)
    expect(await aclOf(api, 'cases')).toBe('ADMINONLY')
    expect((await verifyPlan(api, plan, local)).drift).toEqual([])
  })

  test('a function’s timeout, secret, trigger and code, an index redefined, the storage rule', async () => {
    const { api, local } = await deployedEnvironment()
    await api.functions.updateFunctionConfig({ name: 'api', timeout: 3, envVariables: { PII_MASTER_KEY: KEY, DEBUG: '1' } })
    await api.functions.deleteFunctionTrigger('notify', 'hourly')
    await api.functions.createFunctionTriggers('notify', [{ name: 'hourly', type: 'timer', config: '0 0 9 * * * *' }])
    writeFileSync(join(local.functionRoot, 'roster', 'index.js'), 'exports.main = async () => "changed"\n')
    const rebuilt = { ...local, codeSha256: { ...local.codeSha256, roster: codeSha256Of(local.functionRoot, 'roster') } }
    await api.database.updateCollection('cases', { DropIndexes: [{ IndexName: 'by_stage' }], CreateIndexes: [{ IndexName: 'by_stage', MgoKeySchema: { MgoIndexKeys: [{ Name: 'summary.currentStage', Direction: '1' }], MgoIsUnique: false } }] })
    await api.database.updateCollection('users', { CreateIndexes: [{ IndexName: 'by_phone', MgoKeySchema: { MgoIndexKeys: [{ Name: 'phone', Direction: '1' }], MgoIsUnique: false } }] })
    await api.storage.setStorageAcl('CUSTOM', { read: true, write: true })

    const { drift, notes } = await verifyPlan(api, plan, rebuilt)
    expect(drift).toEqual([
      'collection cases: index by_stage is on summary.currentStage, declared on summary.currentStage, _id',
      'function api: timeout 3 s → 60 s; undeclared environment variables DEBUG',
      'function notify: triggers hourly differ from config.json (hourly "0 0 * * * * *" to set)',
      'function roster: code differs from dist/cloudfunctions/roster',
      'function roster: code fingerprint',
      'storage: permission CUSTOM → the custom rule (no client reads; writes only under materials/)',
    ])
    expect(notes).toEqual(['users: index by_phone is not declared (left as it is)'])

    await applyPlan(api, plan, rebuilt)
    expect((await verifyPlan(api, plan, rebuilt)).drift).toEqual([])
    expect((await api.functions.getFunctionDetail('api')).Environment.Variables).toEqual([{ Key: 'PII_MASTER_KEY', Value: KEY }])
    expect(api.functionsDeployed.get('roster')!.codeSha256).toBe(rebuilt.codeSha256.roster)
    const before = api.mutations().length
    await applyPlan(api, plan, rebuilt)
    expect(api.mutations().length).toBe(before)
  })

  test('any mix of drift: one apply repairs it all, and the next changes nothing', async () => {
    const names = plan.collections.map((c) => c.name)
    const indexed = plan.collections.filter((c) => c.indexes.length)
    const drift = fc.oneof(
      fc.record({ kind: fc.constant('acl' as const), collection: fc.constantFrom(...names), acl: fc.constantFrom('PRIVATE', 'READONLY', 'ADMINWRITE') }),
      fc.record({ kind: fc.constant('dropIndex' as const), collection: fc.constantFrom(...indexed) }),
      fc.record({ kind: fc.constant('memory' as const), fn: fc.constantFrom(...plan.functions.map((f) => f.name)), memory: fc.constantFrom(128, 1024) }),
      fc.record({ kind: fc.constant('storage' as const), read: fc.boolean() }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(drift, { maxLength: 6 }), async (drifts) => {
        const { api, local } = await deployedEnvironment()
        for (const d of drifts) {
          if (d.kind === 'acl') await api.commonService().call({ Action: 'ModifyDatabaseACL', Param: { EnvId: ENV, CollectionName: d.collection, AclTag: d.acl } })
          if (d.kind === 'dropIndex') {
            const { Indexes } = await api.database.describeCollection(d.collection.name)
            const name = d.collection.indexes[0].name
            if (Indexes!.some((i) => i.Name === name)) await api.database.updateCollection(d.collection.name, { DropIndexes: [{ IndexName: name }] })
          }
          if (d.kind === 'memory') await api.functions.updateFunctionConfig({ name: d.fn, memorySize: d.memory })
          if (d.kind === 'storage') await api.storage.setStorageAcl('CUSTOM', { read: d.read, write: false })
        }
        const found = (await verifyPlan(api, plan, local)).drift
        expect(found.length > 0).toBe(drifts.length > 0)
        await applyPlan(api, plan, local)
        expect((await verifyPlan(api, plan, local)).drift).toEqual([])
        const before = api.mutations().length
        await applyPlan(api, plan, local)
        expect(api.mutations().length).toBe(before)
      }),
      { numRuns: 25 },
    )
  })
})
