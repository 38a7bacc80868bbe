/**
 * Makes a CloudBase environment match the deploy plan, and checks that it does. Three steps:
 * read the environment (only describe/list/get calls), compare it with the plan (pure: `diffEnvironment`),
 * then make the changes. `verify` stops after the comparison and reports every difference as drift.
 * A second apply finds nothing to change and makes no mutating call.
 *
 * Secrets: values come from the shell (`secrets`), are compared in memory and never printed; a
 * secret already on a function is kept, and one that differs from the shell's stops the apply,
 * with one exception, a key rotation (`functionSecrets`): PII_MASTER_KEY is replaced when the
 * shell's PII_PREVIOUS_KEY is the function's PII_MASTER_KEY and PII_LOOKUP_KEY is set; the
 * rotation is finished by `finishRotation`, which removes PII_PREVIOUS_KEY.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { keyIdOf, parseKey } from '../../cloudfunctions/lib/AesIdNumberVault'
import type { IndexDeclaration } from '../../shared/ports/StoreIndexes'
import type { CollectionPlan, DeployPlan, FunctionPlan, FunctionTrigger } from './plan'
import { isNotFound, type CreateIndexInput, type FunctionDetail, type ManagerApi, type ManagerIndex, type StorageRule } from './ManagerApi'

export interface EnvironmentState {
  readonly collections: ReadonlyMap<string, { readonly indexes: readonly ManagerIndex[]; readonly acl: string }>
  readonly functions: ReadonlyMap<string, FunctionDetail | null>
  readonly storage: { readonly acl: string; readonly rule?: StorageRule }
  /** Whether the environment's logs are delivered to CLS (null: the check itself failed). */
  readonly logsToCls: boolean | null
}

/** What the deploying machine holds: each function's built code (its sha256) and the secrets in the shell. */
export interface LocalInputs {
  readonly envId: string
  readonly functionRoot: string
  readonly codeSha256: Readonly<Record<string, string>>
  readonly secrets: Readonly<Record<string, string | undefined>>
  /** The key rotation is over (its keyRotation document has doneAt): remove PII_PREVIOUS_KEY everywhere. */
  readonly finishRotation?: boolean
}

export type Change =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'indexes'; collection: string; create: readonly IndexDeclaration[]; drop: readonly string[]; why: string[] }
  | { kind: 'acl'; collection: string; from: string; to: string }
  | { kind: 'createFunction'; fn: FunctionPlan; env: Readonly<Record<string, string>> }
  | { kind: 'code'; fn: FunctionPlan }
  | { kind: 'config'; fn: FunctionPlan; why: string[]; env: Readonly<Record<string, string>> }
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
  let logsToCls: boolean | null
  try {
    logsToCls = await api.log.checkLogServiceEnabled()
  } catch {
    logsToCls = null
  }
  return { collections, functions, storage, logsToCls }
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

/** Two keys as the functions read them (hex or base64): the same 32 bytes, however written. */
function sameKey(a: string, b: string): boolean {
  try {
    return parseKey('key', a).equals(parseKey('key', b))
  } catch {
    return a === b
  }
}

const M = 'PII_MASTER_KEY'
const P = 'PII_PREVIOUS_KEY'
const L = 'PII_LOOKUP_KEY'
const A = 'ARCHIVE_KEY'

/**
 * The secrets a function must have after the apply: each from the shell, or else as deployed.
 * A deployed secret is never replaced, except PII_MASTER_KEY in a rotation: the shell's
 * PII_PREVIOUS_KEY is the function's PII_MASTER_KEY and PII_LOOKUP_KEY is set. PII_LOOKUP_KEY never
 * changes: it is the key the look-up hashes were made with (the function's PII_LOOKUP_KEY, or before
 * any rotation its PII_MASTER_KEY). PII_PREVIOUS_KEY is added only by the rotation that replaces it,
 * and removed only by `finishRotation`. ARCHIVE_KEY equal to a PII key is refused.
 */
export function functionSecrets(f: FunctionPlan, found: FunctionDetail | null, local: LocalInputs): { env: Record<string, string>; blockers: string[] } {
  const deployed = new Map((found?.Environment.Variables ?? []).map((v) => [v.Key, v.Value]))
  const names = f.secrets.map((s) => s.name)
  const shell = (n: string) => (names.includes(n) && local.secrets[n]) || undefined
  const onFunction = (n: string) => deployed.get(n) || undefined
  const env: Record<string, string> = {}
  const blockers: string[] = []

  const master = { shell: shell(M), deployed: onFunction(M) }
  if (!master.shell && !master.deployed) blockers.push(`${f.name}: ${M} is not set in the shell and not on the function; export it before deploying`)
  const rotating = Boolean(master.shell && master.deployed && !sameKey(master.shell, master.deployed))
  if (rotating && !(shell(P) && sameKey(shell(P)!, master.deployed!) && shell(L))) {
    // A mistyped PII_MASTER_KEY would make every stored ID number unreadable.
    blockers.push(`${f.name}: ${M} in the shell differs from the function's; a deploy never replaces a secret, except in a key rotation: export ${P} (the function's ${M}) and ${L} (DEPLOY.md "Rotating the PII key"), or check the shell's value`)
  }
  const masterValue = rotating ? master.shell : (master.deployed ?? master.shell)
  if (masterValue) env[M] = masterValue

  const previous = { shell: shell(P), deployed: onFunction(P) }
  if (local.finishRotation) {
    if (previous.shell) blockers.push(`${f.name}: finishing the rotation removes ${P}: unset it in the shell`)
  } else if (previous.shell) {
    if (masterValue && sameKey(previous.shell, masterValue)) blockers.push(`${f.name}: ${P} in the shell is the function's ${M} itself; a rotation needs a new ${M}`)
    else if (previous.deployed && !sameKey(previous.shell, previous.deployed)) blockers.push(`${f.name}: ${P} in the shell differs from the function's: a rotation is still under way; finish it (--finish-rotation) before starting another`)
    else if (!previous.deployed && found && !rotating) blockers.push(`${f.name}: ${P} is set in the shell but the function's ${M} is not being replaced: after a finished rotation, unset ${P}`)
    env[P] = previous.deployed ?? previous.shell
  } else if (previous.deployed) env[P] = previous.deployed

  const lookup = { shell: shell(L), deployed: onFunction(L) }
  const hashedWith = lookup.deployed ?? master.deployed
  if (lookup.shell && hashedWith && !sameKey(lookup.shell, hashedWith)) {
    blockers.push(`${f.name}: ${L} in the shell is not the key the function's look-up hashes are made with (its ${L}, or before any rotation its ${M}); it never changes`)
  }
  const lookupValue = lookup.deployed ?? lookup.shell
  if (lookupValue) env[L] = lookupValue

  if (names.includes(A)) {
    const archive = { shell: shell(A), deployed: onFunction(A) }
    if (archive.shell && archive.deployed && !sameKey(archive.shell, archive.deployed)) blockers.push(`${f.name}: ${A} in the shell differs from the function's; a deploy never replaces a secret (check the shell's value)`)
    const archiveValue = archive.deployed ?? archive.shell
    if (archiveValue && [M, P, L].some((n) => env[n] !== undefined && sameKey(env[n], archiveValue))) blockers.push(`${f.name}: ${A} equals a PII key; make it a key of its own (DEPLOY.md "The secrets")`)
    if (archiveValue) env[A] = archiveValue
  }
  return { env, blockers }
}

/** Why a deployed function's secrets change, in words that name no value. */
function secretChanges(found: FunctionDetail, env: Readonly<Record<string, string>>, secretNames: readonly string[]): string[] {
  const deployed = new Map(found.Environment.Variables.map((v) => [v.Key, v.Value]))
  const why: string[] = []
  for (const n of secretNames) {
    const before = deployed.get(n) || undefined
    const after = env[n]
    if (before === after) continue
    if (before === undefined) why.push(`${n} set from the shell`)
    else if (after === undefined) why.push(`${n} removed (rotation finished)`)
    else why.push(`${n} replaced by key ${keyIdOf(parseKey(n, after))} (rotation; the replaced key stays as ${P} until --finish-rotation)`)
  }
  return why
}

function diffFunction(f: FunctionPlan, state: EnvironmentState, local: LocalInputs, changes: Change[], notes: string[], blockers: string[]) {
  const found = state.functions.get(f.name) ?? null
  const secrets = functionSecrets(f, found, local)
  blockers.push(...secrets.blockers)
  const secretNames = f.secrets.map((s) => s.name)
  if (secretNames.includes(A) && !secrets.env[A]) notes.push(`${f.name}: ${A} is not set, so no monthly archive is written (DEPLOY.md "Logs and archives for six months")`)
  if (secrets.env[P]) notes.push(`${f.name}: ${P} is set: a key rotation is under way; once its keyRotation document has doneAt, run the deploy with --finish-rotation`)
  if (!found) {
    changes.push({ kind: 'createFunction', fn: f, env: secrets.env })
    return
  }
  const sha = local.codeSha256[f.name]
  const codeChanged = found.Description !== codeDescription(sha)
  if (codeChanged) changes.push({ kind: 'code', fn: f })
  const why: string[] = []
  if (codeChanged) why.push('code fingerprint')
  if (found.Timeout !== f.timeout) why.push(`timeout ${found.Timeout} s → ${f.timeout} s`)
  if (found.MemorySize !== f.memorySize) why.push(`memory ${found.MemorySize} MB → ${f.memorySize} MB`)
  why.push(...secretChanges(found, secrets.env, secretNames))
  const undeclared = found.Environment.Variables.map((v) => v.Key).filter((k) => !secretNames.includes(k))
  if (undeclared.length) why.push(`undeclared environment variables ${undeclared.join(', ')}`)
  if (why.length) changes.push({ kind: 'config', fn: f, why, env: secrets.env })
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
  for (const f of plan.functions) diffFunction(f, state, local, changes, notes, blockers)
  if (state.storage.acl !== plan.storage.acl || !sameRule(state.storage.rule, plan.storage.rule)) changes.push({ kind: 'storageRule', from: state.storage.acl, rule: plan.storage.rule })
  // Logs are kept by CLS only when the city turns delivery on (DEPLOY.md): a note, since it is billed and not the deploy's to buy.
  if (state.logsToCls === false) notes.push('logs: the environment does not deliver its logs to CLS; function logs are kept about 7 days without it (DEPLOY.md "Logs and archives for six months")')
  if (state.logsToCls === null) notes.push('logs: whether the logs are delivered to CLS could not be read; check it in the console (DEPLOY.md "Logs and archives for six months")')
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

async function make(api: ManagerApi, c: Change, local: LocalInputs): Promise<void> {
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
          envVariables: { ...c.env },
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
        // UpdateFunctionConfiguration replaces the whole environment: a secret left out is removed.
        envVariables: { ...c.env },
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
    await make(api, c, local)
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
