/**
 * Every string, array and record in every action's input has a length cap, so no request makes
 * the server hold or walk an unbounded value. Walks the zod/mini definitions of the API table:
 * a new action joins automatically, and an uncapped field fails this test by its path.
 */
import * as z from 'zod/mini'
import { API, ACTION_NAMES } from './Api'
import { isKeyCap, maxKeys } from './Bounds'

type Def = { type: string; checks?: Array<{ _zod: { def: { check: string } } }>; [key: string]: unknown }
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def

const CAPS = ['max_length', 'length_equals']
const capped = (d: Def) => (d.checks ?? []).some((c) => CAPS.includes(c._zod.def.check))
/** Kinds that hold no length of their own. */
const BOUNDED = ['enum', 'literal', 'boolean', 'number', 'int', 'bigint', 'null', 'undefined', 'date', 'nan', 'never']
/** Kinds that wrap one inner schema. */
const WRAPPERS = ['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch', 'success']

/** The paths of the strings, arrays and records under `schema` that have no maximum. */
export function uncapped(schema: unknown, path = '(input)'): string[] {
  const d = defOf(schema)
  if (BOUNDED.includes(d.type)) return []
  if (WRAPPERS.includes(d.type)) return uncapped(d.innerType, path)
  switch (d.type) {
    case 'string':
      return capped(d) ? [] : [path]
    case 'array':
      return [...(capped(d) ? [] : [path]), ...uncapped(d.element, `${path}[]`)]
    case 'object':
      return Object.entries(d.shape as Record<string, unknown>).flatMap(([k, v]) => uncapped(v, `${path}.${k}`))
    case 'record': {
      const finiteKeys = ['enum', 'literal'].includes(defOf(d.keyType).type)
      const keyCap = finiteKeys || (d.checks ?? []).some(isKeyCap)
      return [...(keyCap ? [] : [`${path}{}`]), ...uncapped(d.keyType, `${path}{key}`), ...uncapped(d.valueType, `${path}{value}`)]
    }
    case 'union':
      return (d.options as unknown[]).flatMap((o, i) => uncapped(o, `${path}|${i}`))
    case 'intersection':
      return [...uncapped(d.left, path), ...uncapped(d.right, path)]
    case 'pipe':
      return [...uncapped(d.in, path), ...uncapped(d.out, path)]
    default:
      // unknown, any, lazy, tuple… : not known to be bounded until someone teaches this walk.
      return [`${path} (${d.type})`]
  }
}

test('every string, array and record of every action input has a maximum length', () => {
  const found = ACTION_NAMES.flatMap((a) => uncapped(API[a].input).map((p) => `${a} ${p}`))
  expect(found).toEqual([])
})

test('the walk finds what it must: a plain string, an array, a record, deep in unions and wrappers', () => {
  const bad = z.object({
    a: z.string(),
    b: z.optional(z.array(z.string().check(z.maxLength(3)))),
    c: z.union([z.object({ d: z.nullable(z.string()) }), z.literal('x')]),
    e: z.record(z.string().check(z.maxLength(3)), z.boolean()),
    f: z.unknown(),
  })
  expect(uncapped(bad)).toEqual(['(input).a', '(input).b', '(input).c|0.d', '(input).e{}', '(input).f (unknown)'])
  const good = z.object({
    a: z.string().check(z.maxLength(3)),
    b: z.array(z.int()).check(z.maxLength(3)),
    e: z.record(z.string().check(z.maxLength(3)), z.boolean()).check(maxKeys(5)),
    g: z.partialRecord(z.enum(['x', 'y']), z.string().check(z.maxLength(3))),
  })
  expect(uncapped(good)).toEqual([])
})
