/**
 * The storage port on the WeChat cloud database (wx-server-sdk). Single-document writes are
 * guarded with where({ _id, version }).update(); writes that touch several documents run in a
 * transaction that re-reads each guarded document's version first.
 */
import { AppError } from '../../shared/AppError'
import { AuditEntry } from '../../shared/AuditEntry'
import type { RetireeCase } from '../../shared/Case'
import type { Community, Enterprise } from '../../shared/Organisation'
import { DOC_INDEXES, MAX_PAGE, type OverdueCount, type CaseQuery, type Change, type DocKind, type DocKinds, type Page, type Store, type UserQuery, type Versioned } from '../../shared/ports/Store'
import type { TransferAgreement } from '../../shared/TransferAgreement'
import type { User } from '../../shared/User'
import type { CloudDb } from './CloudDb'

export const COLLECTIONS = {
  cases: 'cases',
  agreements: 'agreements',
  users: 'users',
  enterprises: 'enterprises',
  communities: 'communities',
  audit: 'audit',
  counters: 'counters',
} as const

/** Each document kind has a collection of its own, named after the kind. */
const docCollection = (kind: DocKind) => kind

const CONFLICT_MARK = 'VERSION_CONFLICT'

function toDoc<T extends { id: string }>(value: T): Record<string, unknown> {
  return { ...value, _id: value.id }
}

function fromDoc<T>(doc: Record<string, unknown> | null | undefined): T | null {
  if (!doc) return null
  const { _id, _openid, ...rest } = doc
  void _id
  void _openid
  return rest as T
}

function conflict(id: string): AppError {
  return new AppError('CONFLICT', undefined, { caseId: id })
}

export function createCloudDbStore(db: CloudDb): Store {
  const _ = db.command

  async function getById<T>(collection: string, id: string): Promise<T | null> {
    const res = await db.collection(collection).where({ _id: id }).limit(1).get()
    return fromDoc<T>(res.data[0])
  }

  async function listAll<T>(collection: string, where: Record<string, unknown> = {}): Promise<T[]> {
    const out: T[] = []
    let after: string | null = null
    for (;;) {
      const query = db.collection(collection).where(after === null ? where : { ...where, _id: _.gt(after) })
      const res = await query.orderBy('_id', 'asc').limit(MAX_PAGE).get()
      for (const d of res.data) out.push(fromDoc<T>(d) as T)
      if (res.data.length < MAX_PAGE) return out
      after = String(res.data[res.data.length - 1]._id)
    }
  }

  /** The version guard for a change that touches one existing document and nothing else. */
  async function guardedUpdate(collection: string, v: Versioned<{ id: string; version: number }>): Promise<void> {
    const data: Record<string, unknown> = {}
    for (const [k, value] of Object.entries(v.next)) data[k] = _.set(value)
    const res = await db.collection(collection).where({ _id: v.next.id, version: v.expectedVersion }).update({ data })
    if (res.stats.updated === 0) throw conflict(v.next.id)
  }

  async function transact(change: Change): Promise<void> {
    const guarded: Array<[string, Versioned<{ id: string; version: number }>]> = [
      ...(change.cases ?? []).map((v) => [COLLECTIONS.cases, v] as [string, Versioned<RetireeCase>]),
      ...(change.agreements ?? []).map((v) => [COLLECTIONS.agreements, v] as [string, Versioned<TransferAgreement>]),
      ...(change.docs ?? []).map((v) => [docCollection(v.kind), v] as [string, Versioned<{ id: string; version: number }>]),
    ]
    const plain: Array<[string, { id: string }]> = [
      ...(change.users ?? []).map((u) => [COLLECTIONS.users, u] as [string, User]),
      ...(change.enterprises ?? []).map((e) => [COLLECTIONS.enterprises, e] as [string, Enterprise]),
      ...(change.communities ?? []).map((c) => [COLLECTIONS.communities, c] as [string, Community]),
    ]
    try {
      await db.runTransaction(async (tx) => {
        for (const [collection, v] of guarded) {
          const current = await tx.collection(collection).doc(v.next.id).get()
          const version = current.data ? current.data.version : null
          if (version !== v.expectedVersion) {
            await tx.rollback({ mark: CONFLICT_MARK, id: v.next.id })
            return
          }
        }
        for (const [collection, v] of guarded) await tx.collection(collection).doc(v.next.id).set({ data: { ...v.next } })
        for (const id of change.removeUsers ?? []) await tx.collection(COLLECTIONS.users).doc(id).remove()
        for (const [collection, value] of plain) await tx.collection(collection).doc(value.id).set({ data: { ...value } })
        for (const entry of change.audit ?? []) await tx.collection(COLLECTIONS.audit).add({ data: toDoc(entry) })
      })
    } catch (e) {
      if (typeof e === 'object' && e !== null && (e as { mark?: string }).mark === CONFLICT_MARK) throw conflict((e as { id: string }).id)
      throw e
    }
  }

  return {
    getCase: (id) => getById<RetireeCase>(COLLECTIONS.cases, id),
    async findCaseByIdNumberHash(hash) {
      const res = await db.collection(COLLECTIONS.cases).where({ 'person.idNumber.hash': hash }).limit(1).get()
      return fromDoc<RetireeCase>(res.data[0])
    },
    async listCases(q: CaseQuery): Promise<Page<RetireeCase>> {
      const limit = Math.min(q.limit, MAX_PAGE)
      const where: Record<string, unknown> = {}
      if (q.receivingCommunityId !== undefined) where['summary.receivingCommunityId'] = q.receivingCommunityId
      if (q.enterpriseId !== undefined) where.enterpriseId = q.enterpriseId
      if (q.currentStage !== undefined) where['summary.currentStage'] = q.currentStage
      if (q.after !== undefined) where._id = _.gt(q.after)
      const res = await db.collection(COLLECTIONS.cases).where(where).orderBy('_id', 'asc').limit(limit).get()
      const items = res.data.map((d) => fromDoc<RetireeCase>(d) as RetireeCase)
      return { items, nextCursor: items.length === limit ? items[items.length - 1].id : null }
    },
    async listOpenItemsDue(deadline, page) {
      // A page of cases (so one case's items never split across pages), expanded to the items due that day.
      const limit = Math.min(page.limit, MAX_PAGE)
      const where: Record<string, unknown> = { 'summary.openItems.deadline': deadline }
      if (page.after !== undefined) where._id = _.gt(page.after)
      const res = await db.collection(COLLECTIONS.cases).where(where).orderBy('_id', 'asc').limit(limit).get()
      const cases = res.data.map((d) => fromDoc<RetireeCase>(d) as RetireeCase)
      const items = cases.flatMap((c) =>
        c.summary.openItems.filter((i) => i.deadline === deadline).map((i) => ({ caseId: c.id, stage: i.stage, deadline, enterpriseId: c.enterpriseId, receivingCommunityId: c.summary.receivingCommunityId })),
      )
      return { items, nextCursor: cases.length === limit ? cases[cases.length - 1].id : null }
    },
    async overdueCounts(today) {
      const counts = new Map<string, OverdueCount>()
      let after: string | null = null
      for (;;) {
        const where: Record<string, unknown> = { 'summary.openItems.deadline': _.lt(today) }
        if (after !== null) where._id = _.gt(after)
        const res = await db.collection(COLLECTIONS.cases).where(where).orderBy('_id', 'asc').limit(MAX_PAGE).get()
        for (const d of res.data) {
          const c = fromDoc<RetireeCase>(d) as RetireeCase
          for (const i of c.summary.openItems.filter((x) => x.deadline < today)) {
            const key = [i.stage, c.enterpriseId, c.summary.receivingCommunityId].join('|')
            const row = counts.get(key) ?? { stage: i.stage, enterpriseId: c.enterpriseId, receivingCommunityId: c.summary.receivingCommunityId, count: 0 }
            row.count++
            counts.set(key, row)
          }
        }
        if (res.data.length < MAX_PAGE) break
        after = String(res.data[res.data.length - 1]._id)
      }
      return [...counts.values()].sort((a, b) => [a.stage, a.enterpriseId, a.receivingCommunityId].join('|').localeCompare([b.stage, b.enterpriseId, b.receivingCommunityId].join('|')))
    },
    getAgreement: (id) => getById<TransferAgreement>(COLLECTIONS.agreements, id),
    async listAgreements(query) {
      const where: Record<string, unknown> = {}
      if (query.enterpriseId !== undefined) where.enterpriseId = query.enterpriseId
      if (query.communityId !== undefined) where.communityId = query.communityId
      return listAll<TransferAgreement>(COLLECTIONS.agreements, where)
    },
    getUser: (id) => getById<User>(COLLECTIONS.users, id),
    async listUsers(query: UserQuery = {}) {
      const where: Record<string, unknown> = {}
      if (query.caseId !== undefined) where.caseId = query.caseId
      if (query.orgId !== undefined) where.orgId = query.orgId
      if (query.role !== undefined) where.role = query.role
      return listAll<User>(COLLECTIONS.users, where)
    },
    async getDoc<K extends DocKind>(kind: K, id: string) {
      return getById<DocKinds[K]>(docCollection(kind), id)
    },
    async listDocs<K extends DocKind>(kind: K, filter: Partial<Record<string, string>>, page: { limit: number; after?: string }): Promise<Page<DocKinds[K]>> {
      const allowed = DOC_INDEXES[kind] as readonly string[]
      const where: Record<string, unknown> = {}
      for (const [field, value] of Object.entries(filter)) {
        if (!allowed.includes(field)) throw new Error(`docs of kind ${kind} are not indexed by ${field}`)
        if (value !== undefined) where[field] = value
      }
      if (page.after !== undefined) where._id = _.gt(page.after)
      const limit = Math.min(page.limit, MAX_PAGE)
      const res = await db.collection(docCollection(kind)).where(where).orderBy('_id', 'asc').limit(limit).get()
      const items = res.data.map((d) => fromDoc<DocKinds[K]>(d) as DocKinds[K])
      return { items, nextCursor: items.length === limit ? items[items.length - 1].id : null }
    },
    async incrementCounter(key, by = 1) {
      return db.runTransaction(async (tx) => {
        const current = await tx.collection(COLLECTIONS.counters).doc(key).get()
        const value = (current.data ? Number(current.data.value) : 0) + by
        await tx.collection(COLLECTIONS.counters).doc(key).set({ data: { value } })
        return value
      })
    },
    async getCounter(key) {
      const row = await getById<{ value: number }>(COLLECTIONS.counters, key)
      return row ? row.value : 0
    },
    getEnterprise: (id) => getById<Enterprise>(COLLECTIONS.enterprises, id),
    listEnterprises: () => listAll<Enterprise>(COLLECTIONS.enterprises),
    getCommunity: (id) => getById<Community>(COLLECTIONS.communities, id),
    listCommunities: () => listAll<Community>(COLLECTIONS.communities),
    async listAudit(caseId) {
      const res = await db.collection(COLLECTIONS.audit).where({ caseId }).orderBy('at', 'asc').limit(MAX_PAGE).get()
      return res.data.map((d) => fromDoc<AuditEntry>(d) as AuditEntry)
    },
    async upgradeAuditPage(page) {
      const limit = Math.min(page.limit, MAX_PAGE)
      const where = page.after === undefined ? {} : { _id: _.gt(page.after) }
      const res = await db.collection(COLLECTIONS.audit).where(where).orderBy('_id', 'asc').limit(limit).get()
      let rewritten = 0
      let unreadable = 0
      for (const doc of res.data) {
        const stored = fromDoc<Record<string, unknown>>(doc)
        const read = AuditEntry.safeParse(stored)
        if (!read.success) unreadable++
        else if (JSON.stringify(read.data.changes) !== JSON.stringify(stored?.changes)) {
          // Only the changes differ between an older entry and its reading (AuditEntry's FieldChange upgrade).
          const res = await db.collection(COLLECTIONS.audit).where({ _id: doc._id }).update({ data: { changes: _.set(read.data.changes) } })
          rewritten += res.stats.updated
        }
      }
      return { read: res.data.length, rewritten, unreadable, nextCursor: res.data.length === limit ? String(res.data[res.data.length - 1]._id) : null }
    },
    async commit(change) {
      const versioned = [...(change.cases ?? []), ...(change.agreements ?? [])]
      const others = (change.users?.length ?? 0) + (change.removeUsers?.length ?? 0) + (change.enterprises?.length ?? 0) + (change.communities?.length ?? 0) + (change.audit?.length ?? 0) + (change.docs?.length ?? 0)
      if (versioned.length === 1 && others === 0 && versioned[0].expectedVersion !== null) {
        return guardedUpdate(change.cases?.length ? COLLECTIONS.cases : COLLECTIONS.agreements, versioned[0])
      }
      if (versioned.length === 0 && others === 0) return
      return transact(change)
    },
  }
}
