/**
 * A store whose process "dies" at the k-th call: that call and every later one throw, and
 * nothing of them is applied. Run an operation with a crash at every k up to the number of calls
 * it makes, and each of its commit points is tried. `calls` counts the calls made (or attempted).
 */
import type { Store } from '../ports/Store'

export class SimulatedCrash extends Error {
  constructor(readonly at: number) {
    super(`simulated crash at store call ${at}`)
    this.name = 'SimulatedCrash'
  }
}

export interface CrashingStore {
  store: Store
  /** Store calls made so far, including the one that crashed. */
  readonly calls: number
  readonly crashed: boolean
}

/** `crashAt` is 1-based; Infinity never crashes (to count an operation's calls). */
export function crashingStore(inner: Store, crashAt: number): CrashingStore {
  let calls = 0
  let crashed = false
  const wrapped = {} as Record<string, unknown>
  for (const name of Object.keys(inner) as Array<keyof Store>) {
    const method = inner[name]
    if (typeof method !== 'function') continue
    wrapped[name] = async (...args: unknown[]) => {
      calls++
      if (crashed || calls >= crashAt) {
        crashed = true
        throw new SimulatedCrash(crashAt)
      }
      return (method as (...a: unknown[]) => Promise<unknown>).apply(inner, args)
    }
  }
  return {
    store: wrapped as unknown as Store,
    get calls() {
      return calls
    },
    get crashed() {
      return crashed
    },
  }
}
