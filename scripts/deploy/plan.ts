/**
 * The production environment as data: every collection with its indexes and database permission,
 * every cloud function with its timeout, memory, trigger and the names of its secrets, and the
 * cloud-storage rule. Built from the repository's own declarations (STORE_INDEXES, permissions.json,
 * each function's config.json), never typed by hand, so a collection a later issue adds is deployed
 * with it. Pure: no credentials, no network; `apply.ts` makes an environment match it.
 */
import { MATERIAL_PATH } from '../../shared/Materials'
import type { IndexDeclaration } from '../../shared/ports/StoreIndexes'
import { FUNCTION_TIMEOUT_SECONDS } from '../../shared/ports/StoreLimits'

/** The database permission categories CloudBase documents (ModifyDatabaseACL `AclTag`). */
export const ACL_TAGS = ['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY', 'CUSTOM'] as const
export type AclTag = (typeof ACL_TAGS)[number]

/** A secret a function gets from the deploying shell; an optional one may be absent on both sides. */
export interface FunctionSecret {
  readonly name: string
  readonly required: boolean
}

/**
 * The environment variables the functions get from the deploying shell, never from the
 * repository. One list: a required secret added here stops `apply` when it is missing and is
 * checked by `--verify`; an optional one is set when the shell has it and kept when it does not.
 * - PII_MASTER_KEY: seals every ID number (cloudfunctions/lib/AesIdNumberVault.ts).
 * - PII_PREVIOUS_KEY: only while a key rotation runs, the master key it replaces.
 * - PII_LOOKUP_KEY: the master key the look-up hashes were first made with; set from the first rotation on.
 * - ARCHIVE_KEY: the monthly archive's key (cloudfunctions/lib/Archive.ts), read by `migrate` alone.
 */
export const FUNCTION_SECRETS = {
  PII_MASTER_KEY: { required: true, functions: 'every' },
  PII_PREVIOUS_KEY: { required: false, functions: 'every' },
  PII_LOOKUP_KEY: { required: false, functions: 'every' },
  ARCHIVE_KEY: { required: false, functions: ['migrate'] },
} as const satisfies Record<string, { required: boolean; functions: 'every' | readonly string[] }>
export type SecretName = keyof typeof FUNCTION_SECRETS
export const SECRET_NAMES = Object.keys(FUNCTION_SECRETS) as SecretName[]

/** The secrets of one function, in FUNCTION_SECRETS order. */
export function secretsOf(functionName: string): FunctionSecret[] {
  return SECRET_NAMES.flatMap((name) => {
    const { required, functions } = FUNCTION_SECRETS[name]
    return functions === 'every' || (functions as readonly string[]).includes(functionName) ? [{ name, required }] : []
  })
}

/** Memory sizes a CloudBase function may have, in MB (CloudBase CLI documentation, "memorySize"). */
export const FUNCTION_MEMORY_SIZES = [128, 256, 512, 1024, 2048] as const

/** The runtime the functions are built for (scripts/build-functions.mjs targets node16). */
export const FUNCTION_RUNTIME = 'Nodejs16.13'

/**
 * The cloud-storage rule (documented syntax: `read`/`write` expressions over `auth` and `resource`).
 * No client reads a file back: photos are lent by the functions (materials.get). A client writes
 * only files it owns (`resource.openid`, set by the platform on upload) and only under
 * `materials/<folder>/<case>/<name>` (shared/Materials.ts MATERIAL_PATH, the same pattern the server
 * checks on attach; a regular-expression literal's `test`, as the rule syntax documents). The documented rule
 * language has no way to build a string from `auth.openid`, so that `<folder>` is the caller's own
 * OPENID is held by the server: materials.attach accepts only a file under the caller's folder.
 * `write` is upload, overwrite and delete alike, so an uploader may change or remove its upload at
 * any time; that is safe because materials.attach reads the upload once, checks exactly those bytes,
 * keeps them under `cases/<case>/<item>/` (outside `materials/`, which this rule never lets a client
 * write) and deletes the upload: staff are lent only the kept copy.
 */
export const STORAGE_RULE = {
  read: false,
  write: `auth.openid != null && resource.openid == auth.openid && /${MATERIAL_PATH.source}/.test(resource.path) == true`,
} as const

export interface FunctionTrigger {
  readonly name: string
  readonly type: 'timer'
  /** WeChat's 7-field cron, UTC+8. */
  readonly config: string
}

/** A function's config.json as the repository writes it (WeChat's fields plus timeout and memory). */
export interface FunctionConfigFile {
  readonly permissions?: { readonly openapi?: readonly string[] }
  readonly triggers?: readonly FunctionTrigger[]
  readonly timeout?: number
  readonly memorySize?: number
}

export interface CollectionPlan {
  readonly name: string
  readonly acl: AclTag
  readonly indexes: readonly IndexDeclaration[]
}

export interface FunctionPlan {
  readonly name: string
  readonly timeout: number
  readonly memorySize: number
  readonly runtime: string
  readonly triggers: readonly FunctionTrigger[]
  readonly openapi: readonly string[]
  readonly secrets: readonly FunctionSecret[]
}

export interface DeployPlan {
  readonly collections: readonly CollectionPlan[]
  readonly functions: readonly FunctionPlan[]
  readonly storage: { readonly acl: 'CUSTOM'; readonly rule: typeof STORAGE_RULE }
}

export interface PlanSources {
  readonly indexes: { readonly [collection: string]: readonly IndexDeclaration[] }
  /** cloudfunctions/permissions.json */
  readonly permissions: { readonly database: { readonly [collection: string]: string } }
  readonly functions: ReadonlyArray<{ readonly name: string; readonly config: FunctionConfigFile }>
}

/** A declaration the plan cannot be built from; the message names what to fix. */
export class PlanError extends Error {}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

export function buildDeployPlan(sources: PlanSources): DeployPlan {
  const indexed = Object.keys(sources.indexes).sort()
  const permitted = Object.keys(sources.permissions.database).sort()
  const unpermitted = indexed.filter((c) => !permitted.includes(c))
  const unindexed = permitted.filter((c) => !indexed.includes(c))
  if (unpermitted.length) throw new PlanError(`collections without a permission in cloudfunctions/permissions.json: ${unpermitted.join(', ')}`)
  if (unindexed.length) throw new PlanError(`collections in permissions.json that the store does not declare (STORE_INDEXES): ${unindexed.join(', ')}`)

  const collections = indexed.map((name): CollectionPlan => {
    const acl = sources.permissions.database[name]
    if (!(ACL_TAGS as readonly string[]).includes(acl)) throw new PlanError(`${name}: unknown permission ${acl}`)
    const indexes = [...sources.indexes[name]].sort(byName)
    for (const [i, index] of indexes.entries()) {
      if (!/^[A-Za-z0-9_]+$/.test(index.name)) throw new PlanError(`${name}: index name ${index.name} may hold only letters, digits and underscores`)
      if (i > 0 && indexes[i - 1].name === index.name) throw new PlanError(`${name}: two indexes named ${index.name}`)
      if (index.fields.length === 0) throw new PlanError(`${name}.${index.name}: an index needs a field`)
    }
    return { name, acl: acl as AclTag, indexes }
  })

  const functions = [...sources.functions].sort(byName).map(({ name, config }): FunctionPlan => {
    const { timeout, memorySize } = config
    if (timeout === undefined || !Number.isInteger(timeout) || timeout < 1 || timeout > FUNCTION_TIMEOUT_SECONDS) {
      throw new PlanError(`cloudfunctions/${name}/config.json: timeout must be a whole number of seconds from 1 to ${FUNCTION_TIMEOUT_SECONDS} (FUNCTION_TIMEOUT_SECONDS)`)
    }
    if (memorySize === undefined || !(FUNCTION_MEMORY_SIZES as readonly number[]).includes(memorySize)) {
      throw new PlanError(`cloudfunctions/${name}/config.json: memorySize must be one of ${FUNCTION_MEMORY_SIZES.join(', ')} (MB)`)
    }
    const triggers = config.triggers ?? []
    // WeChat allows one trigger per function, and only timers.
    if (triggers.length > 1) throw new PlanError(`cloudfunctions/${name}/config.json: one trigger per function`)
    for (const t of triggers) {
      if (t.type !== 'timer' || t.config.trim().split(/\s+/).length !== 7) throw new PlanError(`cloudfunctions/${name}/config.json: trigger ${t.name} must be a timer with a 7-field cron`)
    }
    return { name, timeout, memorySize, runtime: FUNCTION_RUNTIME, triggers, openapi: config.permissions?.openapi ?? [], secrets: secretsOf(name) }
  })

  return { collections, functions, storage: { acl: 'CUSTOM', rule: STORAGE_RULE } }
}

/** The plan in words, one line a setting: what `--dry-run` prints, and what the golden file pins. */
export function describePlan(plan: DeployPlan): string {
  const lines: string[] = []
  lines.push(`collections (${plan.collections.length}), every one created if missing:`)
  for (const c of plan.collections) {
    lines.push(`  ${c.name}: permission ${c.acl}, ${c.indexes.length} index${c.indexes.length === 1 ? '' : 'es'}`)
    for (const i of c.indexes) lines.push(`    index ${i.name}${i.unique ? ' (unique)' : ''}: ${i.fields.join(', ')}`)
  }
  lines.push(`functions (${plan.functions.length}), code from dist/cloudfunctions/<name>:`)
  for (const f of plan.functions) {
    lines.push(`  ${f.name}: runtime ${f.runtime}, timeout ${f.timeout} s, memory ${f.memorySize} MB`)
    for (const t of f.triggers) lines.push(`    trigger ${t.name}: ${t.type} "${t.config}" (UTC+8)`)
    if (f.openapi.length) lines.push(`    cloud calls: ${f.openapi.join(', ')}`)
    const names = (required: boolean) => f.secrets.filter((s) => s.required === required).map((s) => s.name)
    lines.push(`    environment from the shell: ${names(true).join(', ')}${names(false).length ? `; when set: ${names(false).join(', ')}` : ''}`)
  }
  lines.push('storage: custom rule')
  lines.push(`  read: ${JSON.stringify(plan.storage.rule.read)}`)
  lines.push(`  write: ${JSON.stringify(plan.storage.rule.write)}`)
  return lines.join('\n') + '\n'
}
