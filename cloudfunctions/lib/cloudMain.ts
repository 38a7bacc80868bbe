/**
 * What every cloud function's entry does: init wx-server-sdk, wire the router over the cloud
 * database, and take the caller's identity from cloud.getWXContext().OPENID, never the payload.
 */
import cloud from 'wx-server-sdk'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { systemClock } from '../../shared/Clock'
import { masterKeyFromEnv } from './AesIdNumberVault'
import type { CloudDb } from './CloudDb'
import { createCloudDbStore } from './CloudDbStore'
import { createDeps } from './deps'
import { createRouter, type Handlers } from './router'

export function createCloudMain(handlers: Partial<Handlers>) {
  // The SDK's typings declare DYNAMIC_CURRENT_ENV as a symbol but init() as taking a string.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  // throwOnNotFound is documented (doc().get() then resolves with null) but missing from the typings.
  const databaseConfig: { env?: string; throwOnNotFound: boolean } = { throwOnNotFound: false }
  // CloudDb declares the documented subset of the database API that CloudDbStore uses.
  const db = cloud.database(databaseConfig) as unknown as CloudDb
  const handle = createRouter(
    createDeps({
      store: createCloudDbStore(db),
      policy: erenhot2019,
      clock: systemClock,
      masterKey: masterKeyFromEnv({ PII_MASTER_KEY: process.env.PII_MASTER_KEY }, false),
      logError: (message, error) => console.error(message, error instanceof Error ? error.stack : String(error)),
    }),
    handlers,
  )
  return async function main(event: { action?: unknown; input?: unknown }) {
    const { OPENID } = cloud.getWXContext()
    return handle({ userId: OPENID || null }, { action: event.action, input: event.input })
  }
}
