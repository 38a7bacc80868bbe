import fc from 'fast-check'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createIdNumberVault, keyIdOf, vaultKeysFromEnv } from '../../cloudfunctions/lib/AesIdNumberVault'
import { applyPlan, codeSha256Of, verifyPlan, type LocalInputs } from './apply'
import { FakeCloudBaseManager } from './FakeCloudBaseManager'
import { buildDeployPlan } from './plan'
import { readPlanSources } from './sources'

const plan = buildDeployPlan(readPlanSources(join(__dirname, '..', '..')))
const ENV = 'env-placeholder'
const KEY = 'a'.repeat(64)
/** The notes of an environment with no archive key and no log delivery to CLS (a new one, as the fake makes it). */
const NO_ARCHIVE = 'migrate: ARCHIVE_KEY is not set, so no monthly archive is written (DEPLOY.md "Logs and archives for six months")'
const NO_CLS = 'logs: the environment does not deliver its logs to CLS; function logs are kept about 7 days without it (DEPLOY.md "Logs and archives for six months")'

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
    expect(lines).toEqual([...changed.map((c) => `changed: ${c}`), `note: ${NO_ARCHIVE}`, `note: ${NO_CLS}`])
  })

  test('run again, it changes nothing and makes no mutating call', async () => {
    const { api, local } = await deployedEnvironment()
    const before = api.mutations().length
    const lines: string[] = []
    const { changed } = await applyPlan(api, plan, local, (l) => lines.push(l))
    expect(changed).toEqual([])
    expect(lines).toEqual([`note: ${NO_ARCHIVE}`, `note: ${NO_CLS}`, 'nothing changed: the environment matches the plan'])
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
    expect((await verifyPlan(api, plan, other)).drift).toContain(
      `roster: PII_MASTER_KEY in the shell differs from the function's; a deploy never replaces a secret, except in a key rotation: export PII_PREVIOUS_KEY (the function's PII_MASTER_KEY) and PII_LOOKUP_KEY (DEPLOY.md "Rotating the PII key"), or check the shell's value`,
    )
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
    expect(notes).toEqual(['users: index by_phone is not declared (left as it is)', NO_ARCHIVE, NO_CLS])

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

describe('a key rotation', () => {
  const K1 = KEY
  const K2 = 'b'.repeat(64)
  const K3 = 'c'.repeat(64)
  const ARCHIVE = 'd'.repeat(64)
  const envOf = async (api: FakeCloudBaseManager, name: string) => Object.fromEntries((await api.functions.getFunctionDetail(name)).Environment.Variables.map((v) => [v.Key, v.Value]))
  const ROTATING = 'PII_PREVIOUS_KEY is set: a key rotation is under way; once its keyRotation document has doneAt, run the deploy with --finish-rotation'

  test('deploy with K1, rotate to K2 (PREVIOUS = LOOKUP = K1), finish: every function reads old and new values and hashes as before', async () => {
    const { api, local } = await deployedEnvironment()
    const sealedWithK1 = createIdNumberVault(Buffer.from(K1, 'hex')).seal('110101195001011234')

    const rotate = { ...local, secrets: { PII_MASTER_KEY: K2, PII_PREVIOUS_KEY: K1, PII_LOOKUP_KEY: K1 } }
    const { changed, notes } = await applyPlan(api, plan, rotate)
    const newKeyId = keyIdOf(Buffer.from(K2, 'hex'))
    expect(changed).toEqual(
      plan.functions.map((f) => `function ${f.name}: PII_MASTER_KEY replaced by key ${newKeyId} (rotation; the replaced key stays as PII_PREVIOUS_KEY until --finish-rotation); PII_PREVIOUS_KEY set from the shell; PII_LOOKUP_KEY set from the shell`),
    )
    expect(notes).toEqual(expect.arrayContaining(plan.functions.map((f) => `${f.name}: ${ROTATING}`)))
    for (const f of plan.functions) {
      const env = await envOf(api, f.name)
      expect(env).toEqual({ PII_MASTER_KEY: K2, PII_PREVIOUS_KEY: K1, PII_LOOKUP_KEY: K1 })
      // The vault each function builds from what the deploy left opens K1's values, seals with K2, and finds a case by the same hash.
      const vault = createIdNumberVault(vaultKeysFromEnv(env, false))
      expect(vault.open(sealedWithK1)).toBe('110101195001011234')
      expect(vault.currentKeyId).toBe(newKeyId)
      expect(vault.lookupHash('110101195001011234')).toBe(sealedWithK1.hash)
    }
    const mutations = api.mutations().length
    expect((await applyPlan(api, plan, rotate)).changed).toEqual([])
    expect(api.mutations().length).toBe(mutations)
    expect((await verifyPlan(api, plan, rotate)).drift).toEqual([])

    const finish = { ...local, secrets: { PII_MASTER_KEY: K2, PII_LOOKUP_KEY: K1 }, finishRotation: true }
    expect((await verifyPlan(api, plan, finish)).drift).toEqual(plan.functions.map((f) => `function ${f.name}: PII_PREVIOUS_KEY removed (rotation finished)`))
    expect((await applyPlan(api, plan, finish)).changed).toEqual(plan.functions.map((f) => `function ${f.name}: PII_PREVIOUS_KEY removed (rotation finished)`))
    for (const f of plan.functions) expect(await envOf(api, f.name)).toEqual({ PII_MASTER_KEY: K2, PII_LOOKUP_KEY: K1 })
    const after = { ...local, secrets: { PII_MASTER_KEY: K2, PII_LOOKUP_KEY: K1 } }
    expect((await verifyPlan(api, plan, after)).drift).toEqual([])
    expect((await verifyPlan(api, plan, after)).notes.some((n) => n.endsWith(ROTATING))).toBe(false)
    // A shell that still exports the retired key does not bring it back.
    const before = api.mutations().length
    await expect(applyPlan(api, plan, rotate)).rejects.toThrow(/api: PII_PREVIOUS_KEY is set in the shell but the function's PII_MASTER_KEY is not being replaced/)
    expect(api.mutations().length).toBe(before)
  })

  test.each([
    ['a new key without PII_PREVIOUS_KEY', { PII_MASTER_KEY: K2, PII_LOOKUP_KEY: K1 }, /api: PII_MASTER_KEY in the shell differs from the function's; a deploy never replaces a secret, except in a key rotation/],
    ['a PII_PREVIOUS_KEY that is not the deployed key', { PII_MASTER_KEY: K2, PII_PREVIOUS_KEY: K3, PII_LOOKUP_KEY: K1 }, /api: PII_MASTER_KEY in the shell differs/],
    ['no PII_LOOKUP_KEY', { PII_MASTER_KEY: K2, PII_PREVIOUS_KEY: K1 }, /api: PII_MASTER_KEY in the shell differs/],
    ['a PII_LOOKUP_KEY other than the key the hashes were made with', { PII_MASTER_KEY: K2, PII_PREVIOUS_KEY: K1, PII_LOOKUP_KEY: K2 }, /api: PII_LOOKUP_KEY in the shell is not the key the function's look-up hashes are made with/],
    ['PII_PREVIOUS_KEY equal to PII_MASTER_KEY', { PII_MASTER_KEY: K1, PII_PREVIOUS_KEY: K1, PII_LOOKUP_KEY: K1 }, /api: PII_PREVIOUS_KEY in the shell is the function's PII_MASTER_KEY itself/],
    ['ARCHIVE_KEY equal to PII_MASTER_KEY', { PII_MASTER_KEY: K1, ARCHIVE_KEY: K1 }, /migrate: ARCHIVE_KEY equals a PII key/],
    ['ARCHIVE_KEY equal to the rotation’s PII_LOOKUP_KEY', { PII_MASTER_KEY: K2, PII_PREVIOUS_KEY: K1, PII_LOOKUP_KEY: K1, ARCHIVE_KEY: K1 }, /migrate: ARCHIVE_KEY equals a PII key/],
    ['finishing with PII_PREVIOUS_KEY still in the shell', { PII_MASTER_KEY: K1, PII_PREVIOUS_KEY: K2, finish: '1' }, /api: finishing the rotation removes PII_PREVIOUS_KEY: unset it in the shell/],
  ])('%s is refused before any change', async (_what, shell, message) => {
    const { api, local } = await deployedEnvironment()
    const { finish, ...secrets } = shell as Record<string, string>
    const before = api.mutations().length
    await expect(applyPlan(api, plan, { ...local, secrets, finishRotation: finish === '1' })).rejects.toThrow(message)
    expect(api.mutations().length).toBe(before)
    for (const f of plan.functions) expect(await envOf(api, f.name)).toEqual({ PII_MASTER_KEY: K1 })
  })

  test('ARCHIVE_KEY goes to migrate alone, and is kept when a later shell lacks it', async () => {
    const { api, local } = await deployedEnvironment()
    const { changed, notes } = await applyPlan(api, plan, { ...local, secrets: { PII_MASTER_KEY: K1, ARCHIVE_KEY: ARCHIVE } })
    expect(changed).toEqual(['function migrate: ARCHIVE_KEY set from the shell'])
    expect(notes).toEqual([NO_CLS])
    expect(await envOf(api, 'migrate')).toEqual({ PII_MASTER_KEY: K1, ARCHIVE_KEY: ARCHIVE })
    expect(await envOf(api, 'api')).toEqual({ PII_MASTER_KEY: K1 })
    expect((await applyPlan(api, plan, local)).changed).toEqual([])
    await expect(applyPlan(api, plan, { ...local, secrets: { ARCHIVE_KEY: K3 } })).rejects.toThrow(/migrate: ARCHIVE_KEY in the shell differs from the function's/)
  })

  test('a second rotation waits for the first to finish, then keeps the first look-up key', async () => {
    const { api, local } = await deployedEnvironment()
    await applyPlan(api, plan, { ...local, secrets: { PII_MASTER_KEY: K2, PII_PREVIOUS_KEY: K1, PII_LOOKUP_KEY: K1 } })
    const second = { ...local, secrets: { PII_MASTER_KEY: K3, PII_PREVIOUS_KEY: K2, PII_LOOKUP_KEY: K1 } }
    await expect(applyPlan(api, plan, second)).rejects.toThrow(/api: PII_PREVIOUS_KEY in the shell differs from the function's: a rotation is still under way/)
    await applyPlan(api, plan, { ...local, secrets: { PII_MASTER_KEY: K2, PII_LOOKUP_KEY: K1 }, finishRotation: true })
    await applyPlan(api, plan, second)
    for (const f of plan.functions) expect(await envOf(api, f.name)).toEqual({ PII_MASTER_KEY: K3, PII_PREVIOUS_KEY: K2, PII_LOOKUP_KEY: K1 })
  })

  test('a rotation cut off after one function is finished by the same command; a key written as base64 is the same key', async () => {
    const { api, local } = await deployedEnvironment()
    await api.functions.updateFunctionConfig({ name: 'roster', envVariables: { PII_MASTER_KEY: K2, PII_PREVIOUS_KEY: K1, PII_LOOKUP_KEY: K1 } })
    const rotate = { ...local, secrets: { PII_MASTER_KEY: Buffer.from(K2, 'hex').toString('base64'), PII_PREVIOUS_KEY: K1, PII_LOOKUP_KEY: K1 } }
    const { changed } = await applyPlan(api, plan, rotate)
    expect(changed.map((c) => c.split(':')[0])).toEqual(['function api', 'function migrate', 'function notify', 'function print'])
    expect(await envOf(api, 'roster')).toEqual({ PII_MASTER_KEY: K2, PII_PREVIOUS_KEY: K1, PII_LOOKUP_KEY: K1 })
    expect((await verifyPlan(api, plan, rotate)).drift).toEqual([])
  })

  test('verify notes when the environment delivers its logs to CLS no more', async () => {
    const { api, local } = await deployedEnvironment()
    api.logsToCls = true
    expect((await verifyPlan(api, plan, local)).notes).toEqual([NO_ARCHIVE])
    api.logsToCls = false
    expect((await verifyPlan(api, plan, local)).notes).toEqual([NO_ARCHIVE, NO_CLS])
  })
})
