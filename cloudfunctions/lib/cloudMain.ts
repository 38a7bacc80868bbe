/**
 * What every cloud function's entry does: init wx-server-sdk, wire the router over the cloud
 * database, and take the caller's identity from cloud.getWXContext().OPENID, never the payload.
 */
import cloud from 'wx-server-sdk'
import { systemClock } from '../../shared/Clock'
import { vaultKeysFromEnv } from './AesIdNumberVault'
import type { CloudDb } from './CloudDb'
import { createCloudDbStore } from './CloudDbStore'
import { createCloudFileStorage, type CloudStorageApi } from './CloudFileStorage'
import { createDeps } from './deps'
import { deployedPolicy } from './deployedPolicy'
import { createRouter, type Deps, type Handlers } from './router'
import { wxacodeMiniProgramCode, type WxacodeOpenApi } from './print/WxacodeMiniProgramCode'

/**
 * `onTimer` runs instead of the router when a timer trigger calls the function (SOURCE
 * wx_trigger, no OPENID). `onConsole` runs for any other call without an OPENID: an invocation
 * through the console or the management API, which no mini-program client can make (a client's
 * call always carries its OPENID); it must still check what it is sent.
 */
export function createCloudMain(handlers: Partial<Handlers>, onTimer?: (deps: Deps) => Promise<unknown>, onConsole?: (deps: Deps, event: unknown) => Promise<unknown>) {
  // The SDK's typings declare DYNAMIC_CURRENT_ENV as a symbol but init() as taking a string.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  // throwOnNotFound is documented (doc().get() then resolves with null) but missing from the typings.
  const databaseConfig: { env?: string; throwOnNotFound: boolean } = { throwOnNotFound: false }
  // CloudDb declares the documented subset of the database API that CloudDbStore uses.
  const db = cloud.database(databaseConfig) as unknown as CloudDb
  const keys = vaultKeysFromEnv({ PII_MASTER_KEY: process.env.PII_MASTER_KEY, PII_PREVIOUS_KEY: process.env.PII_PREVIOUS_KEY, PII_LOOKUP_KEY: process.env.PII_LOOKUP_KEY }, false)
  const deps = createDeps({
    store: createCloudDbStore(db),
    // The SDK types these calls as `void | Promise` (callback or promise style); called without a
    // callback they return the promise, which CloudStorageApi declares.
    files: createCloudFileStorage(cloud as unknown as CloudStorageApi),
    policy: deployedPolicy,
    clock: systemClock,
    masterKey: keys.master,
    previousKey: keys.previous,
    lookupKey: keys.lookup,
    // The SDK types openapi as Record<string, any>; wxacode.getUnlimited is the documented call (only `print` has the permission).
    miniProgramCode: wxacodeMiniProgramCode(cloud.openapi as WxacodeOpenApi),
    logError: (message, error) => console.error(message, error instanceof Error ? error.stack : String(error)),
  })
  const handle = createRouter(deps, handlers)
  return async function main(event: { action?: unknown; input?: unknown }) {
    const { OPENID, SOURCE } = cloud.getWXContext()
    if (onTimer && SOURCE === 'wx_trigger') return onTimer(deps)
    if (onConsole && !OPENID) return onConsole(deps, event)
    return handle({ userId: OPENID || null }, { action: event.action, input: event.input })
  }
}
