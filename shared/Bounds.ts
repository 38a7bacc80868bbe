/**
 * Length caps the schemas of action inputs need beyond zod's own: zod can cap a string or an
 * array (`maxLength`) but not the number of keys of a record, so that cap is a marked check the
 * bounds test (Api.bounds.test.ts) recognises.
 */
import * as z from 'zod/mini'

const KEY_CAPS = new WeakSet<object>()

/** A record with at most `n` keys. */
export function maxKeys<T extends Record<string, unknown>>(n: number, error = `最多${n}项`) {
  const check = z.refine<T>((r) => Object.keys(r).length <= n, { error })
  KEY_CAPS.add(check)
  return check
}

export function isKeyCap(check: unknown): boolean {
  return typeof check === 'object' && check !== null && KEY_CAPS.has(check)
}
