/** The seeded cloud's router over a store that yields between calls, for race tests. */
import { handlers } from '../../cloudfunctions/lib/actions/all'
import { createRouter } from '../../cloudfunctions/lib/router'
import type { ActionName, ApiResponse } from '../../shared/Api'
import { yieldingStore, type Pause } from '../../shared/testing/YieldingStore'
import type { seededCloud } from './cloudHarness'

type Cloud = Awaited<ReturnType<typeof seededCloud>>

export function racing(cloud: Cloud, pause?: Pause) {
  const handle = createRouter({ ...cloud.deps, store: yieldingStore(cloud.store, pause) }, handlers)
  return <T = any>(userId: string, action: ActionName, input: unknown = {}) => handle({ userId }, { action, input }) as Promise<ApiResponse<T>>
}

/** How many responses had each outcome: 'ok' or the error code. */
export function outcomes(results: Array<ApiResponse<unknown>>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const r of results) {
    const key = r.ok ? 'ok' : r.error.code
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}
