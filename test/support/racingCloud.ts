/** The seeded cloud's router over a store that yields between calls, for race tests. */
import fc from 'fast-check'
import { handlers } from '../../cloudfunctions/lib/actions/all'
import { createRouter } from '../../cloudfunctions/lib/router'
import type { ActionName, ApiResponse } from '../../shared/Api'
import { yieldingStore, type Pause } from '../../shared/testing/YieldingStore'
import { seededCloud } from './cloudHarness'

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

/** Interleavings explored per race. */
export const RUNS = 100

/**
 * Runs the calls `run` makes in parallel, over a fresh seeded cloud, with fast-check's scheduler
 * choosing who runs next at every store call; `RUNS` times, then `check` looks at the outcome.
 */
export async function explore<T>(
  setup: (cloud: Cloud) => Promise<T>,
  run: (call: ReturnType<typeof racing>, fixture: T) => Array<Promise<ApiResponse<any>>>,
  check: (results: Array<ApiResponse<any>>, cloud: Cloud, fixture: T) => Promise<void>,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.scheduler(), async (s) => {
      const cloud = await seededCloud({ count: 8 })
      try {
        const fixture = await setup(cloud)
        const call = racing(cloud, () => s.schedule(Promise.resolve()))
        const results = await s.waitFor(Promise.all(run(call, fixture)))
        await check(results, cloud, fixture)
      } finally {
        cloud.close()
      }
    }),
    { numRuns: RUNS },
  )
}
