/**
 * Whether a declared index serves a query, so that no production query scans a collection. The
 * fake cloud database records every query it is sent as a StoreQuery (the roles of its fields);
 * a check after the test suite holds each one against STORE_INDEXES.
 *
 * An index serves a query when
 * - the query's equality fields, in any order, are the index's leading fields;
 * - then its sort fields, in order, follow them (a sort on an equality field costs nothing);
 * - and its range fields are among those sort fields (a cursor over the sort order), or, with no
 *   sort, it has one range field and it comes next.
 * `_id` alone is always indexed, and a query by `_id` equality alone is a point read. Fields that
 * are only filtered out (neq, exists) narrow the documents the index yields: they need no index.
 */
import type { IndexDeclaration } from './StoreIndexes'

/** One query as the database receives it, by the roles of its fields. */
export interface StoreQuery {
  readonly collection: string
  readonly op: 'get' | 'count' | 'update'
  /** Compared with a value (or a list of values: command.in). */
  readonly equal: readonly string[]
  /** Compared with gt / gte / lt, or named inside a command.or (a cursor over the sort order). */
  readonly range: readonly string[]
  /** Only filtered out (neq, exists): checked on the documents the index yields. */
  readonly filter: readonly string[]
  /** orderBy fields, in order. */
  readonly order: readonly string[]
}

/** The index every collection has. */
export const ID_INDEX: IndexDeclaration = { name: '_id', fields: ['_id'] }

function serves(index: IndexDeclaration, q: StoreQuery): boolean {
  const equal = new Set(q.equal)
  const lead = index.fields.slice(0, equal.size)
  if (lead.length !== equal.size || !lead.every((f) => equal.has(f))) return false
  const rest = index.fields.slice(equal.size)
  const order = [...new Set(q.order)].filter((f) => !equal.has(f))
  if (!order.every((f, i) => rest[i] === f)) return false
  const range = [...new Set(q.range)].filter((f) => !equal.has(f))
  if (order.length > 0) return range.every((f) => order.includes(f))
  return range.length === 0 || (range.length === 1 && rest[0] === range[0])
}

/** The name of an index that serves the query ('_id' for the built-in one), or null when none does. */
export function servingIndex(q: StoreQuery, indexes: readonly IndexDeclaration[]): string | null {
  return [ID_INDEX, ...indexes].find((index) => serves(index, q))?.name ?? null
}

/** A query's shape as one line of text, for reports and for recording each shape once. */
export function describeQuery(q: StoreQuery): string {
  const part = (label: string, fields: readonly string[]) => (fields.length ? ` ${label} ${fields.join(', ')}` : '')
  return `${q.collection}.${q.op}:${part('equal', q.equal)}${part('range', q.range)}${part('filter', q.filter)}${part('order', q.order)}`
}

/**
 * What is wrong with the recorded queries, one line each: a collection with no declared indexes
 * (so not in the deploy plan), a collection not declared admin-only, a query no index serves.
 */
export function indexCoverageProblems(queries: readonly StoreQuery[], declared: { readonly [collection: string]: readonly IndexDeclaration[] }, permissions: { readonly [collection: string]: string }): string[] {
  const problems = new Set<string>()
  for (const q of queries) {
    if (!Object.hasOwn(declared, q.collection)) problems.add(`${q.collection}: not a collection of STORE_INDEXES`)
    if (permissions[q.collection] !== 'ADMINONLY') problems.add(`${q.collection}: not ADMINONLY in cloudfunctions/permissions.json`)
    if (Object.hasOwn(declared, q.collection) && servingIndex(q, declared[q.collection]) === null) problems.add(`no index serves ${describeQuery(q)}`)
  }
  return [...problems].sort()
}
