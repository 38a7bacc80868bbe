/**
 * Makes a CloudBase environment match the deploy plan, and checks that it does. Three steps:
 * read the environment (only describe/list/get calls), compare it with the plan (pure: `diffEnvironment`),
 * then make the changes. `verify` stops after the comparison and reports every difference as drift.
 * A second apply finds nothing to change and makes no mutating call.
 *
 * Secrets: values come from the shell (`secrets`), are compared in memory and never printed; a
 * secret already on a function is kept, and one that differs from the shell's stops the apply.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { IndexDeclaration } from '../../shared/ports/StoreIndexes'
import type { CollectionPlan, DeployPlan, FunctionPlan, FunctionTrigger } from './plan'
import { isNotFound, type CreateIndexInput, type FunctionDetail, type ManagerApi, type ManagerIndex, type StorageRule } from './ManagerApi'

export interface EnvironmentState {
  readonly collections: ReadonlyMap<string, { readonly indexes: readonly ManagerIndex[]; readonly acl: string }>
  readonly functions: ReadonlyMap<string, FunctionDetail | null>
  readonly storage: { readonly acl: string; readonly rule?: StorageRule }
}

/** What the deploying machine holds: each function's built code (its sha256) and the secrets in the shell. */
export interface LocalInputs {
  readonly envId: string
  readonly functionRoot: string
  readonly codeSha256: Readonly<Record<string, string>>
  readonly secrets: Readonly<Record<string, string | undefined>>
}

export type Change =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'indexes'; collection: string; create: readonly IndexDeclaration[]; drop: readonly string[]; why: string[] }
  | { kind: 'acl'; collection: string; from: string; to: string }
  | { kind: 'createFunction'; fn: FunctionPlan }
  | { kind: 'code'; fn: FunctionPlan }
  | { kind: 'config'; fn: FunctionPlan; why: string[] }
  | { kind: 'triggers'; fn: FunctionPlan; drop: readonly string[]; create: readonly FunctionTrigger[] }
  | { kind: 'storageRule'; from: string; rule: StorageRule }

export interface Diff {
  readonly changes: readonly Change[]
  /** Differences that need no change (an index nobody declared); printed, never failing. */
  readonly notes: readonly string[]
  /** What stops an apply before its first change (a secret neither in the shell nor on the function). */
  readonly blockers: readonly string[]
}

const DESCRIPTION_PREFIX = 'code sha256 '
export const codeDescription = (sha: string) => `${DESCRIPTION_PREFIX}${sha}`

export function codeSha256Of(functionRoot: string, name: string): string {
  return createHash('sha256').update(readFileSync(join(functionRoot, name, 'index.js'))).digest('hex')
}

/** Reads everything the plan names; no call here changes the environment. */
export async function readEnvironment(api: ManagerApi, plan: DeployPlan, envId: string): Promise<EnvironmentState> {
  const existing = new Set<string>()
  for (let offset = 0; ; ) {
    const page = await api.database.listCollections({ MgoLimit: 100, MgoOffset: offset })
    for (const c of page.Collections) existing.add(c.CollectionName)
    offset += page.Collections.length
    if (page.Collections.length === 0 || offset >= page.Pager.Total) break
  }
  const collections = new Map<string, { indexes: ManagerIndex[]; acl: string }>()
  for (const c of plan.collections) {
    if (!existing.has(c.name)) continue
    const described = await api.database.describeCollection(c.name)
    const acl = (await api.commonService('tcb').call({ Action: 'DescribeDatabaseACL', Param: { EnvId: envId, CollectionName: c.name } })) as { AclTag?: string }
    collections.set(c.name, { indexes: described.Indexes ?? [], acl: acl.AclTag ?? 'unknown' })
  }
  const functions = new Map<string, FunctionDetail | null>()
  for (const f of plan.functions) {
    try {
      functions.set(f.name, await api.functions.getFunctionDetail(f.name))
    } catch (e) {
      if (!isNotFound(e)) throw e
      functions.set(f.name, null)
    }
  }
  const storage = await api.storage.getStorageAcl({ withRule: true })
  return { collections, functions, storage }
}

const keysOf = (i: ManagerIndex) => i.Keys.map((k) => `${k.Name ?? ''}:${k.Direction ?? ''}`).join(',')
const keysOfDeclared = (i: IndexDeclaration) => i.fields.map((f) => `${f}:1`).join(',')

function diffCollection(c: CollectionPlan, state: EnvironmentState, changes: Change[], notes: string[]) {
  const found = state.collections.get(c.name)
  if (!found) changes.push({ kind: 'createCollection', collection: c.name })
  const indexes = found?.indexes ?? []
  const create: IndexDeclaration[] = []
  const drop: string[] = []
  const why: string[] = []
  for (const declared of c.indexes) {
    const existing = indexes.find((i) => i.Name === declared.name)
    if (!existing) {
      create.push(declared)
      why.push(`index ${declared.name} missing`)
    } else if (keysOf(existing) !== keysOfDeclared(declared) || existing.Unique !== Boolean(declared.unique)) {
      drop.push(declared.name)
      create.push(declared)
      why.push(`index ${declared.name} is on ${existing.Keys.map((k) => k.Name).join(', ')}${existing.Unique ? ' (unique)' : ''}, declared on ${declared.fields.join(', ')}${declared.unique ? ' (unique)' : ''}`)
    }
  }
  if (create.length || drop.length) changes.push({ kind: 'indexes', collection: c.name, create, drop, why })
  for (const i of indexes) {
    if (i.Name !== '_id_' && !c.indexes.some((d) => d.name === i.Name)) notes.push(`${c.name}: index ${i.Name} is not declared (left as it is)`)
  }
  const acl = found?.acl ?? 'none'
  if (acl !== c.acl) changes.push({ kind: 'acl', collection: c.name, from: found ? acl : 'new collection', to: c.acl })
}

/** The cron a trigger description holds: GetFunction gives it as the cron itself or as JSON `{"cron": …}`. */
function cronOf(desc: string): string {
  try {
    const parsed = JSON.parse(desc) as { cron?: unknown }
    if (parsed && typeof parsed.cron === 'string') return parsed.cron
  } catch {
    // not JSON: the cron itself
  }
  return desc
}

function diffFunction(f: FunctionPlan, state: EnvironmentState, local: LocalInputs, changes: Change[], blockers: string[]) {
  const found = state.functions.get(f.name) ?? null
  const deployed = new Map((found?.Environment.Variables ?? []).map((v) => [v.Key, v.Value]))
  for (const s of f.secrets) {
    const shell = local.secrets[s]
    if (!shell && !deployed.get(s)) blockers.push(`${f.name}: ${s} is not set in the shell and not on the function; export it before deploying`)
    // A secret is set once and never replaced by a deploy: a mistyped PII_MASTER_KEY would make every
    // stored ID number unreadable. Rotating a key is a job of its own.
    if (shell && deployed.get(s) && deployed.get(s) !== shell) blockers.push(`${f.name}: ${s} in the shell differs from the function's; a deploy never replaces a secret (check the shell's value)`)
  }
  if (!found) {
    changes.push({ kind: 'createFunction', fn: f })
    return
  }
  const sha = local.codeSha256[f.name]
  const codeChanged = found.Description !== codeDescription(sha)
  if (codeChanged) changes.push({ kind: 'code', fn: f })
  const why: string[] = []
  if (codeChanged) why.push('code fingerprint')
  if (found.Timeout !== f.timeout) why.push(`timeout ${found.Timeout} s → ${f.timeout} s`)
  if (found.MemorySize !== f.memorySize) why.push(`memory ${found.MemorySize} MB → ${f.memorySize} MB`)
  for (const s of f.secrets) if (!deployed.get(s)) why.push(`${s} not set`)
  const undeclared = [...deployed.keys()].filter((k) => !f.secrets.includes(k))
  if (undeclared.length) why.push(`undeclared environment variables ${undeclared.join(', ')}`)
  if (why.length) changes.push({ kind: 'config', fn: f, why })
  const drop = found.Triggers.filter((t) => !f.triggers.some((p) => p.name === t.TriggerName && p.type === t.Type && p.config === cronOf(t.TriggerDesc))).map((t) => t.TriggerName)
  const create = f.triggers.filter((p) => drop.includes(p.name) || !found.Triggers.some((t) => t.TriggerName === p.name))
  if (drop.length || create.length) changes.push({ kind: 'triggers', fn: f, drop, create })
}

const sameRule = (a: StorageRule | undefined, b: StorageRule) => a !== undefined && a.read === b.read && a.write === b.write

/** Pure: what must change for the environment to match the plan. */
export function diffEnvironment(plan: DeployPlan, state: EnvironmentState, local: LocalInputs): Diff {
  const changes: Change[] = []
  const notes: string[] = []
  const blockers: string[] = []
  for (const c of plan.collections) diffCollection(c, state, changes, notes)
  for (const f of plan.functions) diffFunction(f, state, local, changes, blockers)
  if (state.storage.acl !== plan.storage.acl || !sameRule(state.storage.rule, plan.storage.rule)) changes.push({ kind: 'storageRule', from: state.storage.acl, rule: plan.storage.rule })
  return { changes, notes, blockers }
}

export function describeChange(c: Change): string {
  switch (c.kind) {
    case 'createCollection':
      return `collection ${c.collection}: created`
    case 'indexes':
      return `collection ${c.collection}: ${c.why.join('; ')}`
    case 'acl':
      return `collection ${c.collection}: permission ${c.from} → ${c.to}`
    case 'createFunction':
      return `function ${c.fn.name}: created (timeout ${c.fn.timeout} s, memory ${c.fn.memorySize} MB${c.fn.triggers.map((t) => `, trigger ${t.name}`).join('')})`
    case 'code':
      return `function ${c.fn.name}: code differs from dist/cloudfunctions/${c.fn.name}`
    case 'config':
      return `function ${c.fn.name}: ${c.why.join('; ')}`
    case 'triggers':
      return `function ${c.fn.name}: triggers${c.drop.length ? ` ${c.drop.join(', ')} differ from config.json` : ''}${c.create.length ? ` (${c.create.map((t) => `${t.name} "${t.config}"`).join(', ')} to set)` : ''}`
    case 'storageRule':
      return `storage: permission ${c.from} → the custom rule (no client reads; writes only under materials/)`
  }
}

const toCreateIndex = (i: IndexDeclaration): CreateIndexInput => ({
  IndexName: i.name,
  MgoKeySchema: { MgoIndexKeys: i.fields.map((Name) => ({ Name, Direction: '1' })), MgoIsUnique: Boolean(i.unique) },
})

/** The whole environment of a function: every secret, from the shell or else as deployed. */
function envVariables(f: FunctionPlan, found: FunctionDetail | null, local: LocalInputs): Record<string, string> {
  const deployed = new Map((found?.Environment.Variables ?? []).map((v) => [v.Key, v.Value]))
  return Object.fromEntries(f.secrets.map((s) => [s, local.secrets[s] || deployed.get(s) || '']))
}

async function make(api: ManagerApi, c: Change, state: EnvironmentState, local: LocalInputs): Promise<void> {
  switch (c.kind) {
    case 'createCollection':
      await api.database.createCollection(c.collection)
      return
    case 'indexes':
      await api.database.updateCollection(c.collection, {
        ...(c.drop.length ? { DropIndexes: c.drop.map((IndexName) => ({ IndexName })) } : {}),
        CreateIndexes: c.create.map(toCreateIndex),
      })
      return
    case 'acl':
      await api.commonService('tcb').call({ Action: 'ModifyDatabaseACL', Param: { EnvId: local.envId, CollectionName: c.collection, AclTag: c.to } })
      return
    case 'createFunction':
      await api.functions.createFunction({
        func: {
          name: c.fn.name,
          description: codeDescription(local.codeSha256[c.fn.name]),
          timeout: c.fn.timeout,
          memorySize: c.fn.memorySize,
          runtime: c.fn.runtime,
          handler: 'index.main',
          installDependency: true,
          envVariables: envVariables(c.fn, null, local),
          triggers: c.fn.triggers.map((t) => ({ ...t })),
        },
        functionRootPath: local.functionRoot,
        force: false,
      })
      return
    case 'code':
      await api.functions.updateFunctionCode({ func: { name: c.fn.name, runtime: c.fn.runtime, handler: 'index.main', installDependency: true, isWaitInstall: true }, functionRootPath: local.functionRoot })
      return
    case 'config':
      await api.functions.updateFunctionConfig({
        name: c.fn.name,
        description: codeDescription(local.codeSha256[c.fn.name]),
        timeout: c.fn.timeout,
        memorySize: c.fn.memorySize,
        envVariables: envVariables(c.fn, state.functions.get(c.fn.name) ?? null, local),
      })
      return
    case 'triggers':
      for (const t of c.drop) await api.functions.deleteFunctionTrigger(c.fn.name, t)
      if (c.create.length) await api.functions.createFunctionTriggers(c.fn.name, c.create.map((t) => ({ ...t })))
      return
    case 'storageRule':
      await api.storage.setStorageAcl('CUSTOM', { ...c.rule })
      return
  }
}

export interface ApplyResult {
  readonly changed: readonly string[]
  readonly notes: readonly string[]
}

/** Applies the plan; throws before any change when a blocker stands (a missing secret). */
export async function applyPlan(api: ManagerApi, plan: DeployPlan, local: LocalInputs, log: (line: string) => void = () => {}): Promise<ApplyResult> {
  const state = await readEnvironment(api, plan, local.envId)
  const diff = diffEnvironment(plan, state, local)
  if (diff.blockers.length) throw new Error(`nothing was changed:\n${diff.blockers.join('\n')}`)
  const changed: string[] = []
  for (const c of diff.changes) {
    await make(api, c, state, local)
    const line = describeChange(c)
    changed.push(line)
    log(`changed: ${line}`)
  }
  for (const n of diff.notes) log(`note: ${n}`)
  if (!changed.length) log('nothing changed: the environment matches the plan')
  return { changed, notes: diff.notes }
}

/** Reads the environment back and returns every difference from the plan (empty: no drift). */
export async function verifyPlan(api: ManagerApi, plan: DeployPlan, local: LocalInputs): Promise<{ drift: readonly string[]; notes: readonly string[] }> {
  const state = await readEnvironment(api, plan, local.envId)
  const diff = diffEnvironment(plan, state, local)
  return { drift: [...diff.blockers, ...diff.changes.map(describeChange)], notes: diff.notes }
}
