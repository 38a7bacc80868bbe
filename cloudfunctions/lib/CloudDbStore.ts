/**
 * The storage port on the WeChat cloud database (wx-server-sdk). Single-document writes are
 * guarded with where({ _id, version }).update(); writes that touch several documents run in a
 * transaction that re-reads each guarded document's version first.
 */
import { AppError } from '../../shared/AppError'
import type { AuditEntry } from '../../shared/AuditEntry'
import type { RetireeCase } from '../../shared/Case'
import type { Community, Enterprise } from '../../shared/Organisation'
import { MAX_PAGE, type CaseQuery, type Change, type Page, type Store, type Versioned } from '../../shared/ports/Store'
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
} as const

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

  async function listAll<T>(collection: string): Promise<T[]> {
    const out: T[] = []
    let after: string | null = null
    for (;;) {
      const query = db.collection(collection).where(after === null ? {} : { _id: _.gt(after) })
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
    getAgreement: (id) => getById<TransferAgreement>(COLLECTIONS.agreements, id),
    getUser: (id) => getById<User>(COLLECTIONS.users, id),
    listUsers: () => listAll<User>(COLLECTIONS.users),
    getEnterprise: (id) => getById<Enterprise>(COLLECTIONS.enterprises, id),
    listEnterprises: () => listAll<Enterprise>(COLLECTIONS.enterprises),
    getCommunity: (id) => getById<Community>(COLLECTIONS.communities, id),
    listCommunities: () => listAll<Community>(COLLECTIONS.communities),
    async listAudit(caseId) {
      const res = await db.collection(COLLECTIONS.audit).where({ caseId }).orderBy('at', 'asc').limit(MAX_PAGE).get()
      return res.data.map((d) => fromDoc<AuditEntry>(d) as AuditEntry)
    },
    async commit(change) {
      const versioned = [...(change.cases ?? []), ...(change.agreements ?? [])]
      const others = (change.users?.length ?? 0) + (change.enterprises?.length ?? 0) + (change.communities?.length ?? 0) + (change.audit?.length ?? 0)
      if (versioned.length === 1 && others === 0 && versioned[0].expectedVersion !== null) {
        return guardedUpdate(change.cases?.length ? COLLECTIONS.cases : COLLECTIONS.agreements, versioned[0])
      }
      if (versioned.length === 0 && others === 0) return
      return transact(change)
    },
  }
}
