/** An in-process cloud on an in-memory SQLite store, seeded with the demo data, for handler tests. */
import type { ActionName, ApiResponse } from '../../shared/Api'
import { fixedClock } from '../../shared/Clock'
import { erenhot2019 } from '../../shared/policies/erenhot2019'
import { handlers } from '../../cloudfunctions/lib/actions'
import { createDeps } from '../../cloudfunctions/lib/deps'
import { createRouter } from '../../cloudfunctions/lib/router'
import { openSqliteStore } from '../../local/SqliteStore'
import { seedDemo } from '../../local/seed'

export async function seededCloud(options: { count?: number; now?: string } = {}) {
  const store = openSqliteStore(':memory:')
  const clock = fixedClock(options.now ?? '2020-03-20T01:00:00Z')
  const deps = createDeps({ store, policy: erenhot2019, clock, masterKey: Buffer.alloc(32, 11) })
  await seedDemo(store, erenhot2019, deps.vault, { count: options.count ?? 40, now: clock.now() })
  const handle = createRouter(deps, handlers)
  /** Calls an action as `userId` and returns the raw response. */
  const call = <T = any>(userId: string | null, action: ActionName | string, input: unknown = {}) => handle({ userId }, { action, input }) as Promise<ApiResponse<T>>
  /** Calls an action and returns its data, failing the test on an error response. */
  const ok = async <T = any>(userId: string | null, action: ActionName, input: unknown = {}): Promise<T> => {
    const res = await call<T>(userId, action, input)
    if (!res.ok) throw new Error(`${action} failed: ${res.error.code} ${res.error.message}`)
    return res.data
  }
  const idNumberOf = async (caseId: string) => deps.vault.open((await store.getCase(caseId))!.person.idNumber)
  return { store, clock, deps, call, ok, idNumberOf, close: () => store.close() }
}
