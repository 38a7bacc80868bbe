/**
 * FAKE of the wx-server-sdk cloud database, for tests only: the real SDK cannot run without
 * Tencent's servers. It implements the documented behaviour of the calls CloudDbStore makes:
 * - collection().where(cond).orderBy().limit(n).get(): at most 100 by default, 1000 at most;
 *   dotted paths and nested objects in `cond`; command.gt / gte / lt / neq / in / exists; command.and /
 *   command.or across fields, given as the whole condition (where(_.or([{ a: 1 }, { b: _.gt(2) }])))
 *   with query objects or further and/or inside. Field-level and/or (where({ a: _.or(…) })) is not
 *   modelled: the fake refuses it rather than guess.
 * - where(cond).count(): { total } of every matching document (no limit applies).
 * - where().update({ data }): returns { stats: { updated } }; nested objects merge field by
 *   field unless wrapped in command.set().
 * - doc(id).get(): rejects when the document is missing, unless the database was created with
 *   { throwOnNotFound: false }, in which case data is null. doc(id).set() replaces or creates.
 * - add({ data }): rejects on a duplicate _id.
 * - runTransaction(fn, retries = 3): single-document operations only; writes are applied at the
 *   end, all or nothing; rollback(reason) makes the promise reject with `reason`; a write
 *   conflict with another writer retries fn, then rejects.
 * Every call yields to the event loop first, so concurrent callers interleave as over a network.
 *
 * The limits of shared/ports/StoreLimits.ts hold, with the errors the documentation lists
 * (-502001 数据库请求失败, -501002 云端响应超时; the message names the limit):
 * - a read returns at most MAX_DOCUMENTS_PER_READ documents (DEFAULT_DOCUMENTS_PER_READ without limit());
 * - a transaction writes at most MAX_TRANSACTION_WRITES documents, and is rolled back when it
 *   runs longer than TRANSACTION_LIFETIME_MS (timed with `now`, Date.now unless given);
 * - no stored document is larger than MAX_DOCUMENT_BYTES (its JSON);
 * - a command.in lists at most MAX_IN_VALUES values.
 * Every query is recorded (recordedQueries(), and STORE_QUERY_LOG) for the index coverage check.
 *
 * client(OPENID) is the mini-program side (wx.cloud.database()) as one user, for tests of what a
 * client could plant: collection().add({ data }) stores the record with `_openid` set to the
 * caller's OPENID (the client may choose `_id`), and is refused where the collection's permission
 * (`permissions`, the categories of the database ACL) keeps clients from writing. A collection
 * with no permission set has the default of a new collection, PRIVATE: its creator may write.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describeQuery, type StoreQuery } from '../../shared/ports/IndexCoverage'
import { DEFAULT_DOCUMENTS_PER_READ, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_PER_READ, MAX_IN_VALUES, MAX_TRANSACTION_WRITES, TRANSACTION_LIFETIME_MS } from '../../shared/ports/StoreLimits'
import type { CloudCollection, CloudDb, CloudDocument, CloudQuery, CloudTransaction } from './CloudDb'

type Doc = Record<string, unknown>

class Command {
  constructor(
    readonly op: 'gt' | 'gte' | 'lt' | 'neq' | 'in' | 'exists' | 'set' | 'and' | 'or',
    readonly value: unknown,
  ) {}
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve))
const clone = <T>(v: T): T => structuredClone(v)

function getPath(doc: Doc, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Doc)[k] : undefined), doc)
}

/** The values at a path, looking into arrays on the way (a query on an array matches any element). */
function valuesAt(v: unknown, keys: string[]): unknown[] {
  if (keys.length === 0) return Array.isArray(v) ? [v, ...v] : [v]
  if (Array.isArray(v)) return v.flatMap((x) => valuesAt(x, keys))
  if (v === null || typeof v !== 'object') return [undefined]
  return valuesAt((v as Doc)[keys[0]], keys.slice(1))
}

function isPlainObject(v: unknown): v is Doc {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Command)
}

function flatten(cond: Doc, prefix = ''): Array<[string, unknown]> {
  return Object.entries(cond).flatMap(([k, v]) => (isPlainObject(v) ? flatten(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]))
}

/** The fields of a condition by their role: compared with a value, with a range, or only filtered out. */
function fieldRoles(conds: Array<Doc | Command>, roles: { equal: Set<string>; range: Set<string>; filter: Set<string> }, inOr = false): void {
  for (const cond of conds) {
    if (cond instanceof Command) {
      // Fields inside an or are a cursor over the sort order (at > a, or at = a and _id > id): a range.
      if (cond.op === 'and' || cond.op === 'or') fieldRoles(cond.value as Array<Doc | Command>, roles, inOr || cond.op === 'or')
      continue
    }
    for (const [path, v] of flatten(cond)) {
      const op = v instanceof Command ? v.op : 'eq'
      if (op === 'neq' || op === 'exists') roles.filter.add(path)
      else if (inOr || op === 'gt' || op === 'gte' || op === 'lt') roles.range.add(path)
      else roles.equal.add(path)
    }
  }
}

/**
 * Every query shape this process sent, once each. With STORE_QUERY_LOG set (a directory), each new
 * shape is appended there as a JSON line, so that a check after the whole test suite (every jest
 * worker) can hold each one against the declared indexes (cloudfunctions/lib/storeQueries.check.ts).
 */
const recorded = new Map<string, StoreQuery>()

function record(query: StoreQuery): void {
  const key = describeQuery(query)
  if (recorded.has(key)) return
  recorded.set(key, query)
  const dir = process.env.STORE_QUERY_LOG
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(query)}\n`)
}

/** The query shapes recorded in this process so far. */
export function recordedQueries(): StoreQuery[] {
  return [...recorded.values()]
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === undefined || a === null) return -1
  if (b === undefined || b === null) return 1
  return (a as string | number) < (b as string | number) ? -1 : 1
}

/** A whole condition: a query object, or a cross-field and/or of conditions. */
function matchesCondition(doc: Doc, cond: Doc | Command): boolean {
  if (cond instanceof Command) {
    if (cond.op === 'and') return (cond.value as Array<Doc | Command>).every((c) => matchesCondition(doc, c))
    if (cond.op === 'or') return (cond.value as Array<Doc | Command>).some((c) => matchesCondition(doc, c))
    throw new Error(`command ${cond.op} is not a whole query condition`)
  }
  return matches(doc, [cond])
}

function matches(doc: Doc, conds: Array<Doc | Command>): boolean {
  return conds.every((cond) =>
    cond instanceof Command ? matchesCondition(doc, cond) : flatten(cond).every(([path, expected]) => {
      if (expected instanceof Command && expected.op === 'exists') return (getPath(doc, path) !== undefined) === expected.value
      if (expected instanceof Command && expected.op === 'neq') return valuesAt(doc, path.split('.')).every((actual) => actual !== expected.value)
      return valuesAt(doc, path.split('.')).some((actual) => {
        if (expected instanceof Command) {
          if (expected.op === 'gt') return actual !== undefined && actual !== null && compare(actual, expected.value) > 0
          if (expected.op === 'gte') return actual !== undefined && actual !== null && compare(actual, expected.value) >= 0
          if (expected.op === 'lt') return actual !== undefined && actual !== null && compare(actual, expected.value) < 0
          if (expected.op === 'in') return (expected.value as unknown[]).includes(actual)
          throw new Error(`command ${expected.op} is not a query command`)
        }
        return actual === expected
      })
    }),
  )
}

/** The document, refused when its JSON is larger than the cloud stores. */
function sized(doc: Doc): Doc {
  const bytes = Buffer.byteLength(JSON.stringify(doc))
  if (bytes > MAX_DOCUMENT_BYTES) throw new Error(`errCode: -502001 | errMsg: document of ${bytes} bytes exceeds MAX_DOCUMENT_BYTES (${MAX_DOCUMENT_BYTES})`)
  return doc
}

function applyUpdate(target: Doc, data: Doc): Doc {
  const out = clone(target)
  for (const [k, v] of Object.entries(data)) {
    if (k === '_id') throw new Error('errCode: -502003 | errMsg: 不能更新_id的值')
    if (v instanceof Command) {
      if (v.op !== 'set') throw new Error(`command ${v.op} is not an update command`)
      out[k] = clone(v.value)
    } else if (isPlainObject(v) && isPlainObject(out[k])) {
      out[k] = applyUpdate(out[k] as Doc, v)
    } else {
      out[k] = clone(v)
    }
  }
  return out
}

interface Stored {
  doc: Doc
  rev: number
}

/** The database ACL categories. READONLY and PRIVATE let a client write records it creates. */
export type CollectionPermission = 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY' | 'CUSTOM'

/** The one client call tests need: adding a record as a mini-program user. */
export interface ClientDb {
  collection(name: string): { add(options: { data: Record<string, unknown> }): Promise<{ _id: string }> }
}

export class FakeCloudDatabase implements CloudDb {
  private readonly collections = new Map<string, Map<string, Stored>>()
  private revision = 0
  readonly command = {
    gt: (value: unknown) => new Command('gt', value),
    gte: (value: unknown) => new Command('gte', value),
    lt: (value: unknown) => new Command('lt', value),
    neq: (value: unknown) => new Command('neq', value),
    in: (values: unknown[]) => {
      // No limit is documented; the fake refuses more than the one the store respects (MAX_IN_VALUES).
      if (values.length > MAX_IN_VALUES) throw new Error(`errCode: -501001 | errMsg: command.in lists ${values.length} values, more than MAX_IN_VALUES (${MAX_IN_VALUES})`)
      return new Command('in', values)
    },
    exists: (value: boolean) => new Command('exists', value),
    set: (value: unknown) => new Command('set', value),
    and: (conditions: unknown[]) => new Command('and', conditions),
    or: (conditions: unknown[]) => new Command('or', conditions),
  }

  /** `recordQueries: false` for tests of the fake itself (their queries are not the store's). */
  constructor(readonly options: { throwOnNotFound?: boolean; permissions?: Record<string, CollectionPermission>; recordQueries?: boolean; now?: () => number } = {}) {}

  table(name: string): Map<string, Stored> {
    let t = this.collections.get(name)
    if (!t) this.collections.set(name, (t = new Map()))
    return t
  }

  nextRevision(): number {
    return ++this.revision
  }

  /** Everything stored, as text: lets tests check what was (and was not) written. */
  dump(): string {
    return JSON.stringify([...this.collections].map(([name, t]) => [name, [...t.values()].map((s) => s.doc)]))
  }

  collection(name: string): CloudCollection {
    return new FakeQuery(this, name, [], [], undefined, this.options.recordQueries !== false) as CloudCollection
  }

  /** The collection for a test to look into: its queries are not recorded, as they are not the store's. */
  inspect(name: string): CloudCollection {
    return new FakeQuery(this, name, [], [], undefined, false) as CloudCollection
  }

  client(openid: string): ClientDb {
    return {
      collection: (name) => ({
        add: async ({ data }) => {
          const permission = this.options.permissions?.[name] ?? 'PRIVATE'
          // CUSTOM rules are not modelled: the fake refuses rather than guess.
          if (permission !== 'READONLY' && permission !== 'PRIVATE') {
            await tick()
            throw new Error(`errCode: -502003 | errMsg: DATABASE_PERMISSION_DENIED (${name} is ${permission})`)
          }
          return this.collection(name).add({ data: { ...data, _openid: openid } })
        },
      }),
    }
  }

  async runTransaction<T>(run: (tx: CloudTransaction) => Promise<T>, retries = 3): Promise<T> {
    const now = this.options.now ?? Date.now
    for (let attempt = 0; ; attempt++) {
      await tick()
      const started = now()
      const tx = new FakeTransaction(this)
      const result = await run(tx)
      if (tx.rollbackReason !== undefined) throw tx.rollbackReason
      // The server rolls back a transaction left open past its lifetime: nothing is applied.
      if (now() - started > TRANSACTION_LIFETIME_MS) throw new Error(`errCode: -501002 | errMsg: transaction open for ${now() - started} ms, past TRANSACTION_LIFETIME_MS (${TRANSACTION_LIFETIME_MS}); rolled back`)
      if (tx.conflicts()) {
        if (attempt < retries) continue
        throw new Error('errCode: -501007 | errMsg: transaction conflict')
      }
      tx.apply()
      return result
    }
  }
}

class FakeQuery implements CloudQuery {
  constructor(
    private readonly db: FakeCloudDatabase,
    private readonly name: string,
    private readonly conds: Array<Doc | Command>,
    private readonly order: Array<[string, 'asc' | 'desc']>,
    private readonly max: number | undefined,
    private readonly recorded: boolean,
  ) {}

  where(condition: Doc | Command): FakeQuery {
    return new FakeQuery(this.db, this.name, [...this.conds, condition], this.order, this.max, this.recorded)
  }

  orderBy(field: string, order: 'asc' | 'desc'): FakeQuery {
    return new FakeQuery(this.db, this.name, this.conds, [...this.order, [field, order]], this.max, this.recorded)
  }

  limit(n: number): FakeQuery {
    if (!Number.isInteger(n) || n < 1 || n > MAX_DOCUMENTS_PER_READ) throw new Error(`errCode: -501001 | errMsg: limit must be between 1 and ${MAX_DOCUMENTS_PER_READ}`)
    return new FakeQuery(this.db, this.name, this.conds, this.order, n, this.recorded)
  }

  /** This query's shape, recorded for the index coverage check. */
  private record(op: StoreQuery['op']): void {
    if (!this.recorded) return
    const roles = { equal: new Set<string>(), range: new Set<string>(), filter: new Set<string>() }
    fieldRoles(this.conds, roles)
    const sorted = (set: Set<string>) => [...set].sort()
    record({ collection: this.name, op, equal: sorted(roles.equal), range: sorted(roles.range), filter: sorted(roles.filter), order: this.order.map(([field]) => field) })
  }

  async get(): Promise<{ data: Doc[] }> {
    await tick()
    this.record('get')
    const docs = [...this.db.table(this.name).values()].map((s) => s.doc).filter((d) => matches(d, this.conds))
    docs.sort((a, b) => {
      for (const [field, dir] of this.order) {
        const c = compare(getPath(a, field), getPath(b, field))
        if (c !== 0) return dir === 'asc' ? c : -c
      }
      return 0
    })
    return { data: clone(docs.slice(0, this.max ?? DEFAULT_DOCUMENTS_PER_READ)) }
  }

  async count(): Promise<{ total: number }> {
    await tick()
    this.record('count')
    return { total: [...this.db.table(this.name).values()].filter((s) => matches(s.doc, this.conds)).length }
  }

  async update({ data }: { data: Doc }): Promise<{ stats: { updated: number } }> {
    await tick()
    this.record('update')
    const t = this.db.table(this.name)
    let updated = 0
    for (const [id, s] of t) {
      if (!matches(s.doc, this.conds)) continue
      t.set(id, { doc: sized(applyUpdate(s.doc, data)), rev: this.db.nextRevision() })
      updated++
    }
    return { stats: { updated } }
  }

  doc(id: string): CloudDocument {
    const db = this.db
    const name = this.name
    return {
      async get() {
        await tick()
        const s = db.table(name).get(id)
        if (!s && db.options.throwOnNotFound !== false) throw new Error(`document.get:fail document with _id ${id} does not exist`)
        return { data: s ? clone(s.doc) : null }
      },
      async set({ data }) {
        await tick()
        if ('_id' in data && data._id !== id) throw new Error('errCode: -502003 | errMsg: 不能更新_id的值')
        db.table(name).set(id, { doc: sized({ ...clone(data), _id: id }), rev: db.nextRevision() })
        return { stats: { updated: 1 } }
      },
      async remove() {
        await tick()
        const removed = db.table(name).delete(id) ? 1 : 0
        return { stats: { removed } }
      },
    }
  }

  async add({ data }: { data: Doc }): Promise<{ _id: string }> {
    await tick()
    const id = typeof data._id === 'string' ? data._id : randomUUID()
    const t = this.db.table(this.name)
    if (t.has(id)) throw new Error(`errCode: -502001 | errMsg: duplicate key _id ${id}`)
    t.set(id, { doc: sized({ ...clone(data), _id: id }), rev: this.db.nextRevision() })
    return { _id: id }
  }
}

class FakeTransaction implements CloudTransaction {
  rollbackReason: unknown = undefined
  private readonly seen = new Map<string, number>()
  private readonly writes = new Map<string, { name: string; id: string; doc: Doc | null }>()

  constructor(private readonly db: FakeCloudDatabase) {}

  private touch(name: string, id: string): void {
    const key = `${name}/${id}`
    if (!this.seen.has(key)) this.seen.set(key, this.db.table(name).get(id)?.rev ?? 0)
  }

  private ensureOpen(): void {
    if (this.rollbackReason !== undefined) throw new Error('transaction has been rolled back')
  }

  /** Queues a write (null removes), refused past MAX_TRANSACTION_WRITES documents. */
  private write(name: string, id: string, doc: Doc | null): void {
    const key = `${name}/${id}`
    if (!this.writes.has(key) && this.writes.size >= MAX_TRANSACTION_WRITES) throw new Error(`errCode: -502001 | errMsg: a transaction may write at most MAX_TRANSACTION_WRITES (${MAX_TRANSACTION_WRITES}) documents`)
    this.writes.set(key, { name, id, doc })
  }

  collection(name: string) {
    return {
      doc: (id: string): CloudDocument => ({
        get: async () => {
          await tick()
          this.ensureOpen()
          this.touch(name, id)
          const pending = this.writes.get(`${name}/${id}`)
          const s = pending ? (pending.doc ? { doc: pending.doc } : undefined) : this.db.table(name).get(id)
          if (!s && this.db.options.throwOnNotFound !== false) throw new Error(`document.get:fail document with _id ${id} does not exist`)
          return { data: s ? clone(s.doc) : null }
        },
        set: async ({ data }: { data: Doc }) => {
          await tick()
          this.ensureOpen()
          this.touch(name, id)
          this.write(name, id, { ...clone(data), _id: id })
          return { stats: { updated: 1 } }
        },
        remove: async () => {
          await tick()
          this.ensureOpen()
          this.touch(name, id)
          this.write(name, id, null)
          return { stats: { removed: 1 } }
        },
      }),
      add: async ({ data }: { data: Doc }) => {
        await tick()
        this.ensureOpen()
        const id = typeof data._id === 'string' ? data._id : randomUUID()
        this.touch(name, id)
        if (this.db.table(name).has(id) || this.writes.has(`${name}/${id}`)) throw new Error(`errCode: -502001 | errMsg: duplicate key _id ${id}`)
        this.write(name, id, { ...clone(data), _id: id })
        return { _id: id }
      },
    }
  }

  async rollback(reason: unknown): Promise<void> {
    await tick()
    this.rollbackReason = reason ?? null
  }

  conflicts(): boolean {
    for (const [key, rev] of this.seen) {
      const [name, id] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)]
      if ((this.db.table(name).get(id)?.rev ?? 0) !== rev) return true
    }
    return false
  }

  apply(): void {
    // Sizes are checked at commit, before anything is applied (a transaction that conflicts never pays for them).
    for (const w of this.writes.values()) if (w.doc !== null) sized(w.doc)
    for (const w of this.writes.values()) {
      if (w.doc === null) this.db.table(w.name).delete(w.id)
      else this.db.table(w.name).set(w.id, { doc: w.doc, rev: this.db.nextRevision() })
    }
  }
}
