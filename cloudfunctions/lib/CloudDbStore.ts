/**
 * The storage port on the WeChat cloud database (wx-server-sdk). Single-document writes are
 * guarded with where({ _id, version }).update(); writes that touch several documents run in a
 * transaction that re-reads each guarded document's version first.
 *
 * Records are the server's alone (cloudfunctions/permissions.json makes every collection
 * admin-only). Should a client still get a record in, it carries `_openid`, which server writes
 * never set: such a record is treated as absent everywhere, and so is a record that fails its
 * schema. Each sighting is audited (collection and id only) and the caller gets the ordinary
 * answer for a missing record.
 */
import { randomUUID } from 'node:crypto'
import { AppError } from '../../shared/AppError'
import type { AuditEntry } from '../../shared/AuditEntry'
import { systemClock, type Clock } from '../../shared/Clock'
import type { Community, Enterprise } from '../../shared/Organisation'
import { ignoredRecordEntry, parseRecord, type IgnoredReason, type RecordKind, type StoredRecords } from '../../shared/ports/RecordSchemas'
import { auditCursor, DOC_INDEXES, MAX_PAGE, parseAuditCursor, parseQueueCursor, readAllPages, type AuditQuery, queueCursor, type QueueGroup, type OverdueCount, type CaseFilter, type CaseQuery, type Change, type DocKind, type DocKinds, type Page, type Store, type UserQuery, type Versioned } from '../../shared/ports/Store'
import type { RetireeCase } from '../../shared/Case'
import type { TransferAgreement } from '../../shared/TransferAgreement'
import type { User } from '../../shared/User'
import { canonicalJson } from '../../shared/CanonicalJson'
import { MAX_IN_VALUES, MAX_TRANSACTION_WRITES } from '../../shared/ports/StoreLimits'
import type { CloudDb } from './CloudDb'
import { applyDelta, figureDelta, storedCounts, type CountedRecord, type Figures } from '../../shared/Figures'
import { STAGE_STATES_FIELD, stageStateKey, stageStatesOf } from '../../shared/ports/StageStates'

export const COLLECTIONS = {
  cases: 'cases',
  agreements: 'agreements',
  users: 'users',
  enterprises: 'enterprises',
  communities: 'communities',
  audit: 'audit',
  counters: 'counters',
  figures: 'figures',
} as const satisfies Partial<Record<RecordKind, RecordKind>>

/** Each document kind has a collection of its own, named after the kind. */
const docCollection = <K extends DocKind>(kind: K): K => kind

/** Every collection this store can touch: each must be declared admin-only in permissions.json. */
export const ALL_COLLECTIONS: readonly string[] = [...Object.values(COLLECTIONS), ...(Object.keys(DOC_INDEXES) as DocKind[]).map(docCollection)]

const CONFLICT_MARK = 'VERSION_CONFLICT'

type Doc = Record<string, unknown>

function toDoc<T extends { id: string }>(value: T): Doc {
  return { ...value, _id: value.id }
}

/** A record as stored in its collection: a case also lists its stages' states (STAGE_STATES_FIELD, dropped again by its schema when read). */
function storedForm(collection: string, value: { id: string }): Doc {
  return collection === COLLECTIONS.cases ? { ...value, [STAGE_STATES_FIELD]: stageStatesOf(value as RetireeCase) } : { ...value }
}

/** A mini-program client's write carries the writer's `_openid`; a server write never does. */
const clientWritten = (doc: Doc): boolean => '_openid' in doc

/** A record that was read and not trusted. */
interface Ignored {
  kind: RecordKind
  id: string
  reason: IgnoredReason
}

/**
 * The record in a stored document, parsed with its schema; null (and noted in `ignored`) when a
 * client wrote it, when it fails its schema, or when its own id is not the document's.
 */
function admit<K extends RecordKind>(kind: K, doc: Doc | null | undefined, ignored: Ignored[]): StoredRecords[K] | null {
  if (!doc) return null
  const { _id, ...rest } = doc
  const id = String(_id)
  if (clientWritten(doc)) {
    ignored.push({ kind, id, reason: 'clientWritten' })
    return null
  }
  const record = parseRecord(kind, rest)
  if (record === null || ('id' in record && record.id !== id)) {
    ignored.push({ kind, id, reason: 'invalid' })
    return null
  }
  return record
}

/** A case filter on the stored fields; the composite index (enterpriseId, summary.receivingCommunityId, summary.currentStage) serves it. */
function caseWhere(filter: CaseFilter, _: CloudDb['command']): Record<string, unknown> {
  const where: Record<string, unknown> = {}
  if (filter.receivingCommunityId !== undefined) where['summary.receivingCommunityId'] = filter.receivingCommunityId
  // Served here, received elsewhere: an index on (residenceCommunityId, _id) serves it.
  if (filter.residentOf !== undefined) {
    where.residenceCommunityId = filter.residentOf
    if (filter.receivingCommunityId === undefined) where['summary.receivingCommunityId'] = _.neq(filter.residentOf)
    else if (filter.receivingCommunityId === filter.residentOf) where.residenceCommunityId = _.in([])
  }
  if (filter.enterpriseId !== undefined) where.enterpriseId = filter.enterpriseId
  if (filter.currentStage !== undefined) where['summary.currentStage'] = filter.currentStage
  // The drill-down by a stage's state: one element of the cases' stage states (the by_…stage_state indexes).
  if (filter.stage !== undefined) where[STAGE_STATES_FIELD] = stageStateKey(filter.stage.id, filter.stage.state)
  return where
}

function conflict(id: string): AppError {
  return new AppError('CONFLICT', undefined, { caseId: id })
}

/** The documents of each queue group (with the community, the leading fields of the queue index). */
const QUEUE_GROUP_WHERE: Record<QueueGroup, Doc> = {
  open: { 'summary.inScope': true, 'summary.done': false },
  done: { 'summary.inScope': true, 'summary.done': true },
  // A case out of scope is never done (summarizeCase), as in the SQLite adapter.
  outOfScope: { 'summary.inScope': false, 'summary.done': false },
}

/**
 * How often a commit's transaction runs when it collides with another writer (the SDK's default
 * is 3). Every case write also moves its units' figure documents, so commits of one enterprise
 * or community meet on those documents; a collision reruns the transaction, which re-reads the
 * versions and the figures. Should a unit's writes ever outrun this, its figures could be split
 * into shards summed when read.
 */
const COMMIT_ATTEMPTS = 10

/** The collections whose records count towards the board's figures. */
const COUNTED = { cases: 'case', agreements: 'agreement', expenseItem: 'expenseItem', asset: 'asset', noticeReceipt: 'noticeReceipt', planOpinion: 'planOpinion', concern: 'concern' } as const

/** A stored record as the figures count it. */
function counted(collection: string, value: unknown): CountedRecord | null {
  if (value === null) return null
  return { kind: COUNTED[collection as keyof typeof COUNTED], value } as CountedRecord
}

/** The values of a batched read, a query's worth (MAX_IN_VALUES) at a time, each once. */
function inBatches(values: readonly string[]): string[][] {
  const unique = [...new Set(values)]
  return Array.from({ length: Math.ceil(unique.length / MAX_IN_VALUES) }, (_, i) => unique.slice(i * MAX_IN_VALUES, (i + 1) * MAX_IN_VALUES))
}

/** Page size of the look-up by ID-number hash: one case matches, unless look-alikes were planted (they are skipped). */
const HASH_PAGE = 10

export function createCloudDbStore(db: CloudDb, options: { clock?: Clock; newId?: () => string } = {}): Store {
  const _ = db.command
  const clock = options.clock ?? systemClock
  const newId = options.newId ?? randomUUID

  /** Audits each ignored record: the collection and the id, never the content. */
  async function report(ignored: Ignored[]): Promise<void> {
    for (const i of ignored) {
      const entry = ignoredRecordEntry({ id: newId(), at: clock.now(), kind: i.kind, recordId: i.id, reason: i.reason })
      await db.collection(COLLECTIONS.audit).add({ data: toDoc(entry) })
    }
  }

  /** The trusted records among stored documents, in their order; the others are audited. */
  async function admitAll<K extends RecordKind>(kind: K, docs: Doc[]): Promise<StoredRecords[K][]> {
    const ignored: Ignored[] = []
    const out: StoredRecords[K][] = []
    for (const d of docs) {
      const record = admit(kind, d, ignored)
      if (record !== null) out.push(record)
    }
    await report(ignored)
    return out
  }

  async function getById<K extends RecordKind>(kind: K, id: string): Promise<StoredRecords[K] | null> {
    const res = await db.collection(kind).where({ _id: id }).limit(1).get()
    return (await admitAll(kind, res.data))[0] ?? null
  }

  /** getById for many ids: one `_id in` query per MAX_IN_VALUES ids; the records that exist, by id. */
  async function getByIds<K extends RecordKind>(kind: K, ids: readonly string[]): Promise<Map<string, StoredRecords[K]>> {
    const found = new Map<string, StoredRecords[K]>()
    for (const batch of inBatches(ids)) for (const record of (await page(kind, { _id: _.in(batch) }, batch.length)).items) found.set((record as { id: string }).id, record)
    return found
  }

  /** A page of records and the cursor after it. The cursor follows the documents read, trusted or not, so pages always move on. */
  async function page<K extends RecordKind>(kind: K, where: Doc, limit: number, direction: 'asc' | 'desc' = 'asc'): Promise<Page<StoredRecords[K]>> {
    const res = await db.collection(kind).where(where).orderBy('_id', direction).limit(limit).get()
    const items = await admitAll(kind, res.data)
    return { items, nextCursor: res.data.length === limit ? String(res.data[res.data.length - 1]._id) : null }
  }

  async function listAll<K extends RecordKind>(kind: K, where: Doc = {}): Promise<StoredRecords[K][]> {
    const out: StoredRecords[K][] = []
    let after: string | null = null
    for (;;) {
      const p: Page<StoredRecords[K]> = await page(kind, after === null ? where : { ...where, _id: _.gt(after) }, MAX_PAGE)
      out.push(...p.items)
      if (p.nextCursor === null) return out
      after = p.nextCursor
    }
  }

  async function transact(change: Change): Promise<void> {
    const guarded: Array<[RecordKind, Versioned<{ id: string; version: number }>]> = [
      ...(change.cases ?? []).map((v) => [COLLECTIONS.cases, v] as [RecordKind, Versioned<RetireeCase>]),
      ...(change.agreements ?? []).map((v) => [COLLECTIONS.agreements, v] as [RecordKind, Versioned<TransferAgreement>]),
      ...(change.docs ?? []).map((v) => [docCollection(v.kind), v] as [RecordKind, Versioned<{ id: string; version: number }>]),
    ]
    const plain: Array<[string, { id: string }]> = [
      ...(change.users ?? []).map((u) => [COLLECTIONS.users, u] as [string, User]),
      ...(change.enterprises ?? []).map((e) => [COLLECTIONS.enterprises, e] as [string, Enterprise]),
      ...(change.communities ?? []).map((c) => [COLLECTIONS.communities, c] as [string, Community]),
    ]
    const ignored = new Map<string, Ignored>()
    try {
      await db.runTransaction(async (tx) => {
        // The figures move by the difference between each counted record as stored and as written, in this transaction.
        const delta: Figures = new Map()
        const noted: Ignored[] = []
        for (const [collection, v] of guarded) {
          const current = (await tx.collection(collection).doc(v.next.id).get()).data
          // A planted document is not there: a create replaces it. A server document keeps guarding its version even if it fails today's schema.
          const planted = current !== null && clientWritten(current)
          if (planted) ignored.set(`${collection}/${v.next.id}`, { kind: collection, id: v.next.id, reason: 'clientWritten' })
          const version = current && !planted ? current.version : null
          if (version !== v.expectedVersion) {
            await tx.rollback({ mark: CONFLICT_MARK, id: v.next.id })
            return
          }
          if (collection in COUNTED) applyDelta(delta, figureDelta(planted ? null : storedCounts(COUNTED[collection as keyof typeof COUNTED], current), counted(collection, v.next)))
        }
        // Only documents that exist are removed (removing an absent one is no error in the port); all reads come before the writes.
        const present: Array<{ kind: DocKind; id: string }> = []
        for (const d of change.removeDocs ?? []) {
          const current = (await tx.collection(docCollection(d.kind)).doc(d.id).get()).data
          if (!current) continue
          present.push(d)
          if (d.kind in COUNTED && !clientWritten(current)) applyDelta(delta, figureDelta(storedCounts(COUNTED[d.kind as keyof typeof COUNTED], current), null))
        }
        const figures = new Map<string, number>()
        for (const key of delta.keys()) {
          // A planted or broken figure counts from 0, and the server's write replaces it (as a counter does).
          figures.set(key, admit(COLLECTIONS.figures, (await tx.collection(COLLECTIONS.figures).doc(key).get()).data, noted)?.value ?? 0)
        }
        for (const i of noted) ignored.set(`${i.kind}/${i.id}`, i)
        for (const [key, n] of delta) {
          // A figure that falls to 0 is dropped, so the board's key ranges hold only live counts (shared/Figures.ts).
          const figure = tx.collection(COLLECTIONS.figures).doc(key)
          const value = figures.get(key)! + n
          await (value === 0 ? figure.remove() : figure.set({ data: { value } }))
        }
        for (const [collection, v] of guarded) await tx.collection(collection).doc(v.next.id).set({ data: storedForm(collection, v.next) })
        for (const d of present) await tx.collection(docCollection(d.kind)).doc(d.id).remove()
        for (const id of change.removeUsers ?? []) await tx.collection(COLLECTIONS.users).doc(id).remove()
        for (const [collection, value] of plain) await tx.collection(collection).doc(value.id).set({ data: { ...value } })
        for (const entry of change.audit ?? []) await tx.collection(COLLECTIONS.audit).add({ data: toDoc(entry) })
      }, COMMIT_ATTEMPTS)
    } catch (e) {
      if (typeof e === 'object' && e !== null && (e as { mark?: string }).mark === CONFLICT_MARK) throw conflict((e as { id: string }).id)
      throw e
    } finally {
      await report([...ignored.values()])
    }
  }

  /**
   * Audit entries by time then id, after the cursor: where (caseId) or (actor.userId and the time
   * range) and (at > a, or at = a and _id > id), ordered by at then _id. Indexes: caseId, at, _id
   * and actor.userId, at, _id.
   */
  async function listAuditPage(query: AuditQuery, p: { limit: number; after?: string }): Promise<Page<AuditEntry>> {
    const limit = Math.min(p.limit, MAX_PAGE)
    const cursor = parseAuditCursor(p.after)
    const conditions: unknown[] = 'caseId' in query ? [{ caseId: query.caseId }] : [{ 'actor.userId': query.actorUserId }, { at: _.gte(query.from) }, { at: _.lt(query.to) }]
    if (cursor !== null) conditions.push(_.or([{ at: _.gt(cursor.at) }, { at: cursor.at, _id: _.gt(cursor.id) }]))
    const res = await db.collection(COLLECTIONS.audit).where(_.and(conditions)).orderBy('at', 'asc').orderBy('_id', 'asc').limit(limit).get()
    const last = res.data[res.data.length - 1]
    // The cursor follows the documents read, trusted or not, so pages always move on.
    const nextCursor = res.data.length === limit ? auditCursor(typeof last.at === 'string' ? last.at : '', String(last._id)) : null
    return { items: await admitAll(COLLECTIONS.audit, res.data), nextCursor }
  }

  return {
    transactionWrites: MAX_TRANSACTION_WRITES,
    getCase: (id) => getById(COLLECTIONS.cases, id),
    async findCaseByIdNumberHash(hash) {
      let after: string | null = null
      for (;;) {
        const p: Page<RetireeCase> = await page(COLLECTIONS.cases, after === null ? { 'person.idNumber.hash': hash } : { 'person.idNumber.hash': hash, _id: _.gt(after) }, HASH_PAGE)
        if (p.items.length > 0) return p.items[0]
        if (p.nextCursor === null) return null
        after = p.nextCursor
      }
    },
    getCases: (ids) => getByIds(COLLECTIONS.cases, ids),
    async findCasesByIdNumberHashes(hashes) {
      // As findCaseByIdNumberHash: for each hash, the first copy by id that fits its schema (listAll reads by id).
      const found = new Map<string, RetireeCase>()
      for (const batch of inBatches(hashes)) {
        for (const c of await listAll(COLLECTIONS.cases, { 'person.idNumber.hash': _.in(batch) })) if (!found.has(c.person.idNumber.hash)) found.set(c.person.idNumber.hash, c)
      }
      return found
    },
    async listCases(q: CaseQuery): Promise<Page<RetireeCase>> {
      const where = caseWhere(q, _)
      if (q.after !== undefined) where._id = _.gt(q.after)
      return page(COLLECTIONS.cases, where, Math.min(q.limit, MAX_PAGE))
    },
    async countCases(filter: CaseFilter): Promise<number> {
      // count() is the database's own: a get() returns at most 1000 documents, a count has no cap.
      return (await db.collection(COLLECTIONS.cases).where(caseWhere(filter, _)).count()).total
    },
    async listOpenItemsDue(deadline, p) {
      // A page of cases (so one case's items never split across pages), expanded to the items due that day.
      const where: Record<string, unknown> = { 'summary.openItems.deadline': deadline }
      if (p.after !== undefined) where._id = _.gt(p.after)
      const cases = await page(COLLECTIONS.cases, where, Math.min(p.limit, MAX_PAGE))
      const items = cases.items.flatMap((c) =>
        c.summary.openItems.filter((i) => i.deadline === deadline).map((i) => ({ caseId: c.id, stage: i.stage, deadline, enterpriseId: c.enterpriseId, receivingCommunityId: c.summary.receivingCommunityId })),
      )
      return { items, nextCursor: cases.nextCursor }
    },
    async overdueCounts(today) {
      const counts = new Map<string, OverdueCount>()
      // A case has an item past its deadline exactly when its earliest open deadline is past: pages in (nextDeadline, _id) order (by_next_deadline).
      const overdue: RetireeCase[] = []
      for (let after: { deadline: string; id: string } | null = null; ; ) {
        const past: unknown[] = [{ 'summary.nextDeadline': _.lt(today) }]
        if (after !== null) past.push(_.or([{ 'summary.nextDeadline': _.gt(after.deadline) }, { 'summary.nextDeadline': after.deadline, _id: _.gt(after.id) }]))
        const res = await db.collection(COLLECTIONS.cases).where(_.and(past)).orderBy('summary.nextDeadline', 'asc').orderBy('_id', 'asc').limit(MAX_PAGE).get()
        overdue.push(...(await admitAll(COLLECTIONS.cases, res.data)))
        if (res.data.length < MAX_PAGE) break
        const last = res.data[res.data.length - 1]
        after = { deadline: String((last.summary as Doc).nextDeadline), id: String(last._id) }
      }
      for (const c of overdue) {
        for (const i of c.summary.openItems.filter((x) => x.deadline < today)) {
          const key = [i.stage, c.enterpriseId, c.summary.receivingCommunityId].join('|')
          const row = counts.get(key) ?? { stage: i.stage, enterpriseId: c.enterpriseId, receivingCommunityId: c.summary.receivingCommunityId, count: 0 }
          row.count++
          counts.set(key, row)
        }
      }
      return [...counts.values()].sort((a, b) => [a.stage, a.enterpriseId, a.receivingCommunityId].join('|').localeCompare([b.stage, b.enterpriseId, b.receivingCommunityId].join('|')))
    },
    async listQueue(q) {
      const limit = Math.min(q.limit, MAX_PAGE)
      const group = { 'summary.receivingCommunityId': q.receivingCommunityId, ...QUEUE_GROUP_WHERE[q.group] }
      const cursor = parseQueueCursor(q.after)
      const deadlineOf = (d: Doc) => {
        const value = (d.summary as Doc | undefined)?.nextDeadline
        return typeof value === 'string' ? value : null
      }
      const read: Doc[] = []
      const more = async (where: Doc, order: string[]) => {
        if (read.length === limit) return
        let query = db.collection(COLLECTIONS.cases).where(where)
        for (const field of order) query = query.orderBy(field, 'asc')
        read.push(...(await query.limit(limit - read.length).get()).data)
      }
      // Dated cases by deadline then id (the rest of the cursor's day, then later days), then the undated ones by id.
      if (cursor === null) await more({ ...group, 'summary.nextDeadline': _.gt('') }, ['summary.nextDeadline', '_id'])
      else if (cursor.deadline !== '') {
        await more({ ...group, 'summary.nextDeadline': cursor.deadline, _id: _.gt(cursor.caseId) }, ['_id'])
        await more({ ...group, 'summary.nextDeadline': _.gt(cursor.deadline) }, ['summary.nextDeadline', '_id'])
      }
      await more({ ...group, 'summary.nextDeadline': null, ...(cursor?.deadline === '' && { _id: _.gt(cursor.caseId) }) }, ['_id'])
      const last = read[read.length - 1]
      // The cursor follows the documents read, trusted or not, so pages always move on.
      return { items: await admitAll(COLLECTIONS.cases, read), nextCursor: read.length === limit ? queueCursor(deadlineOf(last), String(last._id)) : null }
    },
    async countQueue(communityId, before) {
      // count() has no page limit, so no total is ever capped at 1000. Planted documents are not counted.
      const count = async (where: Doc) => (await db.collection(COLLECTIONS.cases).where({ 'summary.receivingCommunityId': communityId, _openid: _.exists(false), ...where }).count()).total
      const [open, openBefore, openUndated, done, outOfScope] = await Promise.all([
        count(QUEUE_GROUP_WHERE.open),
        Promise.all(before.map((date) => count({ ...QUEUE_GROUP_WHERE.open, 'summary.nextDeadline': _.lt(date) }))),
        count({ ...QUEUE_GROUP_WHERE.open, 'summary.nextDeadline': null }),
        count(QUEUE_GROUP_WHERE.done),
        count(QUEUE_GROUP_WHERE.outOfScope),
      ])
      return { open, openBefore, openUndated, done, outOfScope }
    },
    getAgreement: (id) => getById(COLLECTIONS.agreements, id),
    async listAgreements(query) {
      const where: Record<string, unknown> = {}
      if (query.enterpriseId !== undefined) where.enterpriseId = query.enterpriseId
      if (query.communityId !== undefined) where.communityId = query.communityId
      if (query.after !== undefined) where._id = _.gt(query.after)
      return page(COLLECTIONS.agreements, where, Math.min(query.limit, MAX_PAGE))
    },
    getUser: (id) => getById(COLLECTIONS.users, id),
    async listUsers(query: UserQuery = {}) {
      const where: Record<string, unknown> = {}
      if (query.caseId !== undefined) where.caseId = query.caseId
      if (query.orgId !== undefined) where.orgId = query.orgId
      if (query.role !== undefined) where.role = query.role
      return listAll(COLLECTIONS.users, where)
    },
    async getDoc<K extends DocKind>(kind: K, id: string): Promise<DocKinds[K] | null> {
      return getById(docCollection(kind), id)
    },
    getDocs: <K extends DocKind>(kind: K, ids: readonly string[]) => getByIds(docCollection(kind), ids) as Promise<Map<string, DocKinds[K]>>,
    async listDocs<K extends DocKind>(kind: K, filter: Partial<Record<string, string>>, p: { limit: number; after?: string; newestFirst?: boolean }): Promise<Page<DocKinds[K]>> {
      const allowed = DOC_INDEXES[kind] as readonly string[]
      const where: Record<string, unknown> = {}
      for (const [field, value] of Object.entries(filter)) {
        if (!allowed.includes(field)) throw new Error(`docs of kind ${kind} are not indexed by ${field}`)
        if (value !== undefined) where[field] = value
      }
      if (p.after !== undefined) where._id = p.newestFirst ? _.lt(p.after) : _.gt(p.after)
      return page(docCollection(kind), where, Math.min(p.limit, MAX_PAGE), p.newestFirst ? 'desc' : 'asc')
    },
    async incrementCounter(key, by = 1) {
      let ignored: Ignored[] = []
      const value = await db.runTransaction(async (tx) => {
        ignored = []
        const current = admit(COLLECTIONS.counters, (await tx.collection(COLLECTIONS.counters).doc(key).get()).data, ignored)
        // A planted or broken counter counts from 0, and the server's write replaces it.
        const next = (current?.value ?? 0) + by
        await tx.collection(COLLECTIONS.counters).doc(key).set({ data: { value: next } })
        return next
      })
      await report(ignored)
      return value
    },
    async getCounter(key) {
      return (await getById(COLLECTIONS.counters, key))?.value ?? 0
    },
    getEnterprise: (id) => getById(COLLECTIONS.enterprises, id),
    listEnterprises: () => listAll(COLLECTIONS.enterprises),
    getCommunity: (id) => getById(COLLECTIONS.communities, id),
    listCommunities: () => listAll(COLLECTIONS.communities),
    listAuditPage,
    listAudit: (caseId) => readAllPages((after) => listAuditPage({ caseId }, { limit: MAX_PAGE, after })),
    async upgradeStoredPage(kind, p, rewrite) {
      const limit = Math.min(p.limit, MAX_PAGE)
      const collection = kind === 'cases' ? COLLECTIONS.cases : kind === 'audit' ? COLLECTIONS.audit : docCollection(kind)
      const res = await db.collection(collection).where(p.after === undefined ? {} : { _id: _.gt(p.after) }).orderBy('_id', 'asc').limit(limit).get()
      let rewritten = 0
      let unreadable = 0
      for (const doc of res.data) {
        const { _id, ...stored } = doc
        const parsed = clientWritten(doc) ? null : parseRecord(kind, stored)
        const rewrittenRecord = parsed !== null && rewrite ? rewrite(parsed) : parsed
        // As it would be stored today (a case with its stage states, which older documents lack).
        const read = rewrittenRecord === null ? null : storedForm(collection, rewrittenRecord as { id: string })
        if (read === null) unreadable++
        else if (canonicalJson(read) !== canonicalJson(stored)) {
          const id = String(_id)
          // Replaced whole (set), so the fields of an older shape go; only if nobody wrote it since it was read.
          rewritten += await db.runTransaction(async (tx) => {
            const current = (await tx.collection(collection).doc(id).get()).data
            if (!current || clientWritten(current) || canonicalJson(current) !== canonicalJson(doc)) return 0
            await tx.collection(collection).doc(id).set({ data: read })
            return 1
          })
        }
      }
      return { read: res.data.length, rewritten, unreadable, nextCursor: res.data.length === limit ? String(res.data[res.data.length - 1]._id) : null }
    },
    async archivePage(kind, p) {
      const limit = Math.min(p.limit, MAX_PAGE)
      const res = await db.collection(kind).where(p.after === undefined ? {} : { _id: _.gt(p.after) }).orderBy('_id', 'asc').limit(limit).get()
      const items = res.data.map(({ _id, ...record }) => ({ id: String(_id), record }))
      return { items, nextCursor: res.data.length === limit ? String(res.data[res.data.length - 1]._id) : null }
    },
    async restoreArchived(kind, records) {
      for (const { id, record } of records) {
        // add() rejects a duplicate _id (errCode -502001): the store was not empty.
        try {
          // A case as this store keeps it (with its stage states), whichever store the archive came from; a record that is not one stays as archived.
          const parsed = kind === COLLECTIONS.cases ? parseRecord(kind, record) : null
          const stored = parsed === null ? record : storedForm(kind, parsed as { id: string })
          await db.collection(kind).add({ data: { ...stored, _id: id } })
        } catch (e) {
          if ((await db.collection(kind).where({ _id: id }).limit(1).get()).data.length > 0) throw new AppError('CONFLICT', '要恢复的数据库里已经有这条记录，只能恢复到空的数据库。', { caseId: id })
          throw e
        }
      }
    },
    async commit(change) {
      // Every write runs in a transaction: a case or an agreement moves the figures too.
      const writes = [change.cases, change.agreements, change.users, change.removeUsers, change.removeDocs, change.enterprises, change.communities, change.audit, change.docs]
      if (writes.every((w) => !w?.length)) return
      return transact(change)
    },
    async recountFigures() {
      // Every counted record page by page (a client's planted document counts for nothing), then each figure set and every other removed.
      const figures: Figures = new Map()
      for (const [collection, kind] of Object.entries(COUNTED) as Array<[keyof typeof COUNTED, CountedRecord['kind']]>) {
        for (let after = ''; ; ) {
          const res = await db.collection(collection).where({ _id: _.gt(after) }).orderBy('_id', 'asc').limit(MAX_PAGE).get()
          for (const doc of res.data) {
            const record = clientWritten(doc) ? null : storedCounts(kind, doc)
            if (record) applyDelta(figures, figureDelta(null, record))
          }
          if (res.data.length < MAX_PAGE) break
          after = String(res.data[res.data.length - 1]._id)
        }
      }
      const stale: string[] = []
      for (let after = ''; ; ) {
        const res = await db.collection(COLLECTIONS.figures).where({ _id: _.gt(after) }).orderBy('_id', 'asc').limit(MAX_PAGE).get()
        for (const doc of res.data) if (!figures.has(String(doc._id))) stale.push(String(doc._id))
        if (res.data.length < MAX_PAGE) break
        after = String(res.data[res.data.length - 1]._id)
      }
      for (const [key, value] of figures) await db.collection(COLLECTIONS.figures).doc(key).set({ data: { value } })
      for (const key of stale) await db.collection(COLLECTIONS.figures).doc(key).remove()
      return figures.size
    },
    async readFigures(prefix) {
      // Figures in key order from the prefix on, page by page, until a key leaves the prefix (no page limit caps a figure).
      const figures: Figures = new Map()
      let after = prefix
      for (;;) {
        const res = await db.collection(COLLECTIONS.figures).where({ _id: _.gt(after) }).orderBy('_id', 'asc').limit(MAX_PAGE).get()
        const inRange = res.data.filter((d) => String(d._id).startsWith(prefix))
        const ignored: Ignored[] = []
        for (const doc of inRange) {
          const value = admit(COLLECTIONS.figures, doc, ignored)?.value
          if (value) figures.set(String(doc._id), value)
        }
        await report(ignored)
        if (res.data.length < MAX_PAGE || inRange.length < res.data.length) return figures
        after = String(res.data[res.data.length - 1]._id)
      }
    },
  }
}
