/**
 * A store that yields before every call, the way production behaves: many cloud-function
 * instances run at once and the database answers each call over the network, so another
 * request can run between any two calls of one handler. SQLite answers synchronously and hides
 * those races; wrap it in this to bring them back.
 *
 * `pause` decides who runs next. The default lets every other ready promise run first. With
 * fast-check, pass `() => s.schedule(Promise.resolve())` from `fc.scheduler()` so the property
 * explores the interleavings.
 */
import type { Store } from '../ports/Store'

export type Pause = () => Promise<unknown>

export const nextTurn: Pause = () => new Promise((resolve) => setImmediate(resolve))

export function yieldingStore(store: Store, pause: Pause = nextTurn): Store {
  const wrapped = {} as Record<string, unknown>
  for (const name of Object.keys(store) as Array<keyof Store>) {
    const method = store[name]
    if (typeof method !== 'function') {
      wrapped[name] = method
      continue
    }
    wrapped[name] = async (...args: unknown[]) => {
      await pause()
      const result = await (method as (...a: unknown[]) => Promise<unknown>).apply(store, args)
      await pause()
      return result
    }
  }
  return wrapped as unknown as Store
}
