/** Reads the plan's sources from the repository: the store's indexes, permissions.json and each function's config.json. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { STORE_INDEXES } from '../../shared/ports/StoreIndexes'
import type { FunctionConfigFile, PlanSources } from './plan'

/** The functions are the folders of cloudfunctions/ with an index.ts, as scripts/build-functions.mjs builds them. */
export function functionNames(root: string): string[] {
  const dir = join(root, 'cloudfunctions')
  return readdirSync(dir).filter((n) => existsSync(join(dir, n, 'index.ts'))).sort()
}

export function readFunctionConfig(root: string, name: string): FunctionConfigFile {
  return JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8')) as FunctionConfigFile
}

export function readPlanSources(root: string): PlanSources {
  return {
    indexes: STORE_INDEXES,
    permissions: JSON.parse(readFileSync(join(root, 'cloudfunctions', 'permissions.json'), 'utf8')) as PlanSources['permissions'],
    functions: functionNames(root).map((name) => ({ name, config: readFunctionConfig(root, name) })),
  }
}
