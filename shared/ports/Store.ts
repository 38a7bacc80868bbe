/**
 * The storage port. Two adapters implement it (SQLite locally, the WeChat cloud database in
 * production) and both pass the contract suite in StoreContract.ts.
 */
import type { AuditEntry } from '../AuditEntry'
import type { RetireeCase } from '../Case'
import type { Community, Enterprise } from '../Organisation'
import type { StageId } from '../Stage'
import type { TransferAgreement } from '../TransferAgreement'
import type { User } from '../User'

export interface CaseQuery {
  receivingCommunityId?: string
  enterpriseId?: string
  currentStage?: StageId
  /** At most 1000 (the cloud database's server-side page limit). */
  limit: number
  /** Cursor from the previous page: results continue after this case id. */
  after?: string
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/** A write guarded by the version the writer read; null means "must not exist yet". */
export interface Versioned<T> {
  next: T
  expectedVersion: number | null
}

/** Everything one write changes. A store applies it all or nothing. */
export interface Change {
  cases?: Versioned<RetireeCase>[]
  agreements?: Versioned<TransferAgreement>[]
  users?: User[]
  enterprises?: Enterprise[]
  communities?: Community[]
  audit?: AuditEntry[]
}

export interface Store {
  getCase(id: string): Promise<RetireeCase | null>
  findCaseByIdNumberHash(hash: string): Promise<RetireeCase | null>
  listCases(query: CaseQuery): Promise<Page<RetireeCase>>
  getAgreement(id: string): Promise<TransferAgreement | null>
  getUser(id: string): Promise<User | null>
  listUsers(): Promise<User[]>
  getEnterprise(id: string): Promise<Enterprise | null>
  listEnterprises(): Promise<Enterprise[]>
  getCommunity(id: string): Promise<Community | null>
  listCommunities(): Promise<Community[]>
  listAudit(caseId: string): Promise<AuditEntry[]>
  /**
   * Applies a change atomically. Throws AppError CONFLICT, and writes nothing, when any guarded
   * document's stored version differs from its expectedVersion (or exists when null was expected).
   */
  commit(change: Change): Promise<void>
}

export const MAX_PAGE = 1000
