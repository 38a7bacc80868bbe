/**
 * The storage port. Two adapters implement it (SQLite locally, the WeChat cloud database in
 * production) and both pass the contract suite in StoreContract.ts.
 */
import { isAppError } from '../AppError'
import type { AuditEntry } from '../AuditEntry'
import type { RetireeCase, StageSummary } from '../Case'
import type { Figures } from '../Figures'
import type { Community, Enterprise } from '../Organisation'
import type { StageId } from '../Stage'
import type { TransferAgreement } from '../TransferAgreement'
import type { User } from '../User'
import type { CorrectionRequest } from '../CorrectionRequest'
import type { FamilyInvite, FamilyRoster } from '../FamilyInvite'
import type { InboxMessage } from '../InboxMessage'
import type { SubscribeConsent } from '../SubscribeConsent'
import type { VisitCode, VisitProof } from '../VisitCode'
import type { BindCode, WechatLink } from '../WechatLink'
import type { OutboxEvent } from '../OutboxEvent'
import type { RosterPreview } from '../RosterPreview'
import type { StaffInvite } from '../StaffInvite'
import type { Asset, EnterprisePlan, ExpenseItem } from '../Workstreams'
import type { ExpenseLedger } from '../ExpenseLedger'
import type { MaterialsChecklist } from '../Materials'
import type { Delivery, PassCursor, StaffMessage } from '../Delivery'
import type { IdReservation } from '../IdReservation'
import type { Bulletin } from '../Bulletin'
import type { Referral } from '../Referral'
import type { ImportJob } from '../ImportJob'
import type { QueueCounts, QueueGroup } from '../WorkQueue'
import type { UnitSnapshot } from '../UnitSnapshot'
import type { KeyRotation } from '../KeyRotation'
import type { UpgradeRun } from '../UpgradeStoredRecords'
import type { ArchiveExport } from '../ArchiveExport'
import type { ApprovalRequest } from '../Approval'
import type { CaseReach } from '../Reachability'
import type { NoticeReceipt, PlanNotice, PlanOpinion } from '../PlanNotice'
import type { Concern } from '../Concern'
import type { IncidentEntry } from '../IncidentLog'
import type { QualificationCheck } from '../AfterTakeIn'
import type { RecordKind, StoredRecords } from './RecordSchemas'

/** Smaller records kept as versioned documents of a kind. */
export interface DocKinds {
  familyInvite: FamilyInvite
  correctionRequest: CorrectionRequest
  inboxMessage: InboxMessage
  subscribeConsent: SubscribeConsent
  visitCode: VisitCode
  outboxEvent: OutboxEvent
  rosterPreview: RosterPreview
  staffInvite: StaffInvite
  asset: Asset
  expenseItem: ExpenseItem
  enterprisePlan: EnterprisePlan
  expenseLedger: ExpenseLedger
  materials: MaterialsChecklist
  delivery: Delivery
  staffMessage: StaffMessage
  passCursor: PassCursor
  familyRoster: FamilyRoster
  wechatLink: WechatLink
  bindCode: BindCode
  visitProof: VisitProof
  idReservation: IdReservation
  unitSnapshot: UnitSnapshot
  bulletin: Bulletin
  referral: Referral
  keyRotation: KeyRotation
  archiveExport: ArchiveExport
  importJob: ImportJob
  approvalRequest: ApprovalRequest
  caseReach: CaseReach
  planNotice: PlanNotice
  noticeReceipt: NoticeReceipt
  planOpinion: PlanOpinion
  concern: Concern
  incidentEntry: IncidentEntry
  qualificationCheck: QualificationCheck
  upgradeRun: UpgradeRun
}
export type DocKind = keyof DocKinds

/** The fields each kind can be listed by (equality); every adapter indexes them. */
export const DOC_INDEXES = {
  familyInvite: ['caseId'],
  correctionRequest: ['caseId', 'enterpriseId', 'status'],
  inboxMessage: ['caseId'],
  subscribeConsent: ['userId'],
  visitCode: ['caseId'],
  outboxEvent: ['status', 'caseId'],
  rosterPreview: ['enterpriseId'],
  staffInvite: ['createdBy', 'orgId'],
  asset: ['enterpriseId', 'communityId'],
  expenseItem: ['enterpriseId', 'caseId'],
  enterprisePlan: [],
  expenseLedger: [],
  materials: ['caseId'],
  delivery: ['status', 'caseId'],
  staffMessage: ['recipientUserId'],
  passCursor: [],
  familyRoster: [],
  wechatLink: [],
  bindCode: [],
  visitProof: ['workerId'],
  idReservation: [],
  unitSnapshot: ['unit', 'date'],
  bulletin: [],
  referral: ['status', 'enterpriseId'],
  keyRotation: [],
  archiveExport: [],
  importJob: ['enterpriseId'],
  // A unit's pending requests by routedTo|status (shared/Approval.ts unitQueue), a case's own by caseId.
  approvalRequest: ['caseId', 'unitQueue'],
  caseReach: ['communityId', 'enterpriseId'],
  planNotice: ['deliveryStatus'],
  noticeReceipt: [],
  planOpinion: ['enterpriseId', 'caseId'],
  // The retiree's own, the answering unit's, the ladder's holder's, and the unanswered ones (the escalation pass).
  concern: ['caseId', 'unit', 'holder', 'status'],
  incidentEntry: ['enterpriseId'],
  // The yearly pension qualification reminders due in a China year (shared/AfterTakeIn.ts).
  qualificationCheck: ['dueYear'],
  upgradeRun: [],
} as const satisfies { [K in DocKind]: readonly (keyof DocKinds[K] & string)[] }

export type DocFilter<K extends DocKind> = Partial<Record<(typeof DOC_INDEXES)[K][number], string>>

export type VersionedDoc = { [K in DocKind]: { kind: K } & Versioned<DocKinds[K]> }[DocKind]

export interface UserQuery {
  caseId?: string
  orgId?: string
  role?: User['role']
}

/** The fields cases are selected by (equality); each adapter indexes them, alone and together. */
export interface CaseFilter {
  receivingCommunityId?: string
  enterpriseId?: string
  currentStage?: StageId
  /** Cases where one stage is in one state (the board's drill-down): with an enterprise or a community. */
  stage?: { id: StageId; state: StageSummary['state'] }
  /**
   * Cases this community serves but does not receive: the residence community is this one and the
   * receiving community another (plan 四（六）). Adapters index the residence community.
   */
  residentOf?: string
}

export interface CaseQuery extends CaseFilter {
  /** At most 1000 (the cloud database's server-side page limit). */
  limit: number
  /** Cursor from the previous page: results continue after this case id. */
  after?: string
}

export interface AgreementQuery {
  enterpriseId?: string
  communityId?: string
  /** At most 1000. */
  limit: number
  /** Results continue after this agreement id. */
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
  /** Users to delete (a relative whose access the retiree withdrew). */
  removeUsers?: string[]
  enterprises?: Enterprise[]
  communities?: Community[]
  docs?: VersionedDoc[]
  /** Documents to delete (expired one-time codes); deleting one that is absent is no error. */
  removeDocs?: Array<{ kind: DocKind; id: string }>
  audit?: AuditEntry[]
}

/** One open stage of one case with a deadline: what a reminder is about. */
export interface OpenItem {
  caseId: string
  stage: StageId
  deadline: string
  enterpriseId: string
  receivingCommunityId: string
}

export interface OverdueCount {
  stage: StageId
  enterpriseId: string
  receivingCommunityId: string
  count: number
}

export type { QueueCounts, QueueGroup }

export interface QueueQuery {
  receivingCommunityId: string
  group: QueueGroup
  /** At most 1000. */
  limit: number
  /** Cursor from the previous page ("next deadline|case id"). */
  after?: string
}

/** A queue page's cursor: the last case read and its next deadline ('' when it has none). */
export function queueCursor(nextDeadline: string | null, caseId: string): string {
  return `${nextDeadline ?? ''}|${caseId}`
}

/** A queue cursor read back; an empty deadline means the page goes on among the undated cases. */
export function parseQueueCursor(after: string | undefined): { deadline: string; caseId: string } | null {
  if (after === undefined) return null
  const bar = after.indexOf('|')
  return bar < 0 ? { deadline: '', caseId: after } : { deadline: after.slice(0, bar), caseId: after.slice(bar + 1) }
}

/** Whose audit entries to list: one case's, or what one member of staff did from `from` (inclusive) to `to` (exclusive), UTC instants. */
export type AuditQuery = { caseId: string } | { actorUserId: string; from: string; to: string }

/** An audit page's cursor: the last entry read ("at|id"; an instant holds no bar). */
export function auditCursor(at: string, id: string): string {
  return `${at}|${id}`
}

/** An audit cursor read back; a cursor without a bar is read as an instant alone. */
export function parseAuditCursor(after: string | undefined): { at: string; id: string } | null {
  if (after === undefined) return null
  const bar = after.indexOf('|')
  return bar < 0 ? { at: after, id: '' } : { at: after.slice(0, bar), id: after.slice(bar + 1) }
}

/** Records by their id (what the batched reads return). */
export function byId<T extends { id: string }>(records: readonly T[]): Map<string, T> {
  return new Map(records.map((r) => [r.id, r]))
}

/**
 * Commits a change whose version guards say "as I read it" (a job's progress document); false when
 * a guard refused it because another writer moved first (the caller reads theirs and goes on).
 */
export async function commitIfCurrent(store: Store, change: Change): Promise<boolean> {
  try {
    await store.commit(change)
    return true
  } catch (e) {
    if (isAppError(e) && e.code === 'CONFLICT') return false
    throw e
  }
}

/** Every item of a paged read, page after page (for callers that need them all). */
export async function readAllPages<T>(read: (after: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = []
  let after: string | undefined
  for (;;) {
    const page = await read(after)
    out.push(...page.items)
    if (page.nextCursor === null) return out
    after = page.nextCursor
  }
}

export interface Store {
  /**
   * Most documents one commit of this store may write, each figure key it moves counted as one:
   * the cloud's MAX_TRANSACTION_WRITES, SQLite's SQLITE_TRANSACTION_WRITES. Work chunked for the
   * store's sake (a roster's import job) fills its chunks up to it.
   */
  readonly transactionWrites: number
  getCase(id: string): Promise<RetireeCase | null>
  findCaseByIdNumberHash(hash: string): Promise<RetireeCase | null>
  /**
   * Many point reads as one (a roster's rows are checked a batch at a time, not a read each): the
   * cases with these ids that exist, by id.
   */
  getCases(ids: readonly string[]): Promise<Map<string, RetireeCase>>
  /** findCaseByIdNumberHash for many hashes at once: the case each hash finds, by hash (a hash no case holds is absent). */
  findCasesByIdNumberHashes(hashes: readonly string[]): Promise<Map<string, RetireeCase>>
  listCases(query: CaseQuery): Promise<Page<RetireeCase>>
  /** How many cases match the filter: counted by the database, never capped by a page size. */
  countCases(filter: CaseFilter): Promise<number>
  /** Open items due on one China date, by case id, page by page (an index range, not a scan). */
  listOpenItemsDue(deadline: string, page: { limit: number; after?: string }): Promise<Page<OpenItem>>
  /** Open items past their deadline on `today`, counted per stage, enterprise and community. */
  overdueCounts(today: string): Promise<OverdueCount[]>
  /**
   * One group of a community's cases by next deadline (earliest first, undated last), then id,
   * page by page: an index range, not a scan of the community.
   */
  listQueue(query: QueueQuery): Promise<Page<RetireeCase>>
  /** How many of a community's cases are in each group, and open ones due before each date. */
  countQueue(receivingCommunityId: string, before: string[]): Promise<QueueCounts>
  getAgreement(id: string): Promise<TransferAgreement | null>
  /** Agreements of one enterprise or one community (or all), by id, page by page. */
  listAgreements(query: AgreementQuery): Promise<Page<TransferAgreement>>
  getUser(id: string): Promise<User | null>
  /** Users matching every given field, by id. */
  listUsers(query?: UserQuery): Promise<User[]>
  getEnterprise(id: string): Promise<Enterprise | null>
  listEnterprises(): Promise<Enterprise[]>
  getCommunity(id: string): Promise<Community | null>
  listCommunities(): Promise<Community[]>
  /** Every audit entry of a case, in the order of listAuditPage (all its pages). */
  listAudit(caseId: string): Promise<AuditEntry[]>
  /**
   * Audit entries of one case, or of one member of staff over a time range, by time then id, page
   * by page (an index range, not a scan). The cursor follows the entries read, trusted or not.
   */
  listAuditPage(query: AuditQuery, page: { limit: number; after?: string }): Promise<Page<AuditEntry>>
  /**
   * For migrations (shared/UpgradeStoredRecords.ts): a page of stored records of one kind, by id,
   * is read through its schema, which upgrades older shapes, and each record stored in a shape
   * other than its reading is stored again as read, in place (same version; a record written
   * meanwhile is left to its writer). This is the one way an audit entry is ever rewritten.
   * Records the schema cannot read (or planted by a client) are left as they are and counted.
   * `rewrite`, when given, changes each record as read (the key rotation re-seals its ID numbers);
   * it runs only on records the store would rewrite whole, and its result is stored the same way.
   */
  upgradeStoredPage<K extends UpgradableKind>(kind: K, page: { limit: number; after?: string }, rewrite?: (record: StoredRecords[K]) => StoredRecords[K]): Promise<UpgradePage>
  /**
   * For the archive (cloudfunctions/lib/Archive.ts): a page of one kind's stored records by id,
   * each exactly as stored (not read through its schema, so nothing is lost or upgraded).
   */
  archivePage(kind: RecordKind, page: { limit: number; after?: string }): Promise<Page<ArchivedRecord>>
  /**
   * For the archive: stores records as they were archived, with whatever the store keeps beside
   * them (indexes, a case's open items) but no figures moved (the figures are archived too).
   * Only into an empty store (the caller checks): a record that exists already is a CONFLICT.
   */
  restoreArchived(kind: RecordKind, records: ArchivedRecord[]): Promise<void>
  getDoc<K extends DocKind>(kind: K, id: string): Promise<DocKinds[K] | null>
  /** getDoc for many ids at once: the documents of the kind with these ids that exist, by id. */
  getDocs<K extends DocKind>(kind: K, ids: readonly string[]): Promise<Map<string, DocKinds[K]>>
  /**
   * Documents of a kind whose indexed fields equal the filter, by id; `newestFirst` pages from the
   * highest id down (ids that follow time, like a retiree's requests, then read newest first).
   */
  listDocs<K extends DocKind>(kind: K, filter: DocFilter<K>, page: { limit: number; after?: string; newestFirst?: boolean }): Promise<Page<DocKinds[K]>>
  /**
   * The maintained figures (shared/Figures.ts) whose key starts with `prefix`, without the zeros:
   * kept in the same commit as each case, agreement, expense item and asset they count.
   */
  readFigures(prefix: string): Promise<Figures>
  /**
   * Counts every counted record again and replaces the figures with the result (for a store
   * written before the figures were kept). SQLite does it in one transaction; the cloud database
   * page by page, so it is run once, by the migration, before the figures are relied on.
   * Returns how many figures it wrote.
   */
  recountFigures(): Promise<number>
  /** Adds `by` to a counter (created at 0) atomically and returns the new value. */
  incrementCounter(key: string, by?: number): Promise<number>
  getCounter(key: string): Promise<number>
  /**
   * Applies a change atomically. Throws AppError CONFLICT, and writes nothing, when any guarded
   * document's stored version differs from its expectedVersion (or exists when null was expected).
   */
  commit(change: Change): Promise<void>
}

/** A record as a store keeps it (a counter or figure: `{ value }`), by its id or key. */
export interface ArchivedRecord {
  id: string
  record: Record<string, unknown>
}

/** The kinds a migration may re-store as their schema reads them. */
export type UpgradableKind = 'cases' | 'audit' | DocKind

export interface UpgradePage {
  read: number
  rewritten: number
  unreadable: number
  nextCursor: string | null
}

export const MAX_PAGE = 1000
