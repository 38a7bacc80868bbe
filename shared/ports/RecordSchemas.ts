/**
 * Every record a store reads is parsed with its schema before anything trusts it. This is the
 * one table of record kind → schema, used by both adapters, and the audit entry written when a
 * record is ignored (planted by a client, or failing its schema): the caller sees it as absent.
 */
import * as z from 'zod/mini'
import { AuditEntry } from '../AuditEntry'
import { RetireeCase } from '../Case'
import { CorrectionRequest } from '../CorrectionRequest'
import { Delivery, PassCursor, StaffMessage } from '../Delivery'
import { FamilyInvite, FamilyRoster } from '../FamilyInvite'
import { InboxMessage } from '../InboxMessage'
import { MaterialsChecklist } from '../Materials'
import { Community, Enterprise } from '../Organisation'
import { OutboxEvent } from '../OutboxEvent'
import { RosterPreview } from '../RosterPreview'
import { StaffInvite } from '../StaffInvite'
import { SubscribeConsent } from '../SubscribeConsent'
import { TransferAgreement } from '../TransferAgreement'
import { User } from '../User'
import { Asset, EnterprisePlan, ExpenseItem } from '../Workstreams'
import { ExpenseLedger } from '../ExpenseLedger'
import { VisitCode, VisitProof } from '../VisitCode'
import { BindCode, WechatLink } from '../WechatLink'
import { IdReservation } from '../IdReservation'
import { UnitSnapshot } from '../UnitSnapshot'
import { Bulletin } from '../Bulletin'
import { Referral } from '../Referral'
import { KeyRotation } from '../KeyRotation'
import { UpgradeRun } from '../UpgradeStoredRecords'
import { ArchiveExport } from '../ArchiveExport'
import { ImportJob } from '../ImportJob'
import { ApprovalRequest } from '../Approval'
import { CaseReach } from '../Reachability'
import { NoticeReceipt, PlanNotice, PlanOpinion } from '../PlanNotice'
import { Concern } from '../Concern'
import { IncidentEntry } from '../IncidentLog'
import { QualificationCheck } from '../AfterTakeIn'
import type { DocKind, DocKinds } from './Store'

/** An attempt or rate counter: a whole number. */
export const Counter = z.object({ value: z.int() })
export type Counter = z.infer<typeof Counter>

/** The schema of each document kind; a new kind does not compile without its line. */
export const DOC_SCHEMAS = {
  familyInvite: FamilyInvite,
  correctionRequest: CorrectionRequest,
  inboxMessage: InboxMessage,
  subscribeConsent: SubscribeConsent,
  visitCode: VisitCode,
  outboxEvent: OutboxEvent,
  rosterPreview: RosterPreview,
  staffInvite: StaffInvite,
  asset: Asset,
  expenseItem: ExpenseItem,
  enterprisePlan: EnterprisePlan,
  expenseLedger: ExpenseLedger,
  materials: MaterialsChecklist,
  delivery: Delivery,
  staffMessage: StaffMessage,
  passCursor: PassCursor,
  familyRoster: FamilyRoster,
  wechatLink: WechatLink,
  bindCode: BindCode,
  visitProof: VisitProof,
  idReservation: IdReservation,
  unitSnapshot: UnitSnapshot,
  bulletin: Bulletin,
  referral: Referral,
  keyRotation: KeyRotation,
  archiveExport: ArchiveExport,
  importJob: ImportJob,
  approvalRequest: ApprovalRequest,
  caseReach: CaseReach,
  planNotice: PlanNotice,
  noticeReceipt: NoticeReceipt,
  planOpinion: PlanOpinion,
  concern: Concern,
  incidentEntry: IncidentEntry,
  qualificationCheck: QualificationCheck,
  upgradeRun: UpgradeRun,
} as const satisfies { [K in DocKind]: z.ZodMiniType<DocKinds[K]> }

/** Every kind of record a store holds, by the name both adapters give its table or collection. */
export interface StoredRecords extends DocKinds {
  cases: RetireeCase
  agreements: TransferAgreement
  users: User
  enterprises: Enterprise
  communities: Community
  audit: AuditEntry
  counters: Counter
  /** The board's maintained figures (shared/Figures.ts): a count per key, like a counter. */
  figures: Counter
}
export type RecordKind = keyof StoredRecords

export const RECORD_SCHEMAS: { [K in RecordKind]: z.ZodMiniType<StoredRecords[K]> } = {
  cases: RetireeCase,
  agreements: TransferAgreement,
  users: User,
  enterprises: Enterprise,
  communities: Community,
  audit: AuditEntry,
  counters: Counter,
  figures: Counter,
  ...DOC_SCHEMAS,
}

/** The record parsed with its schema, or null when it does not fit (it is then not to be trusted). */
export function parseRecord<K extends RecordKind>(kind: K, value: unknown): StoredRecords[K] | null {
  const parsed = RECORD_SCHEMAS[kind].safeParse(value)
  return parsed.success ? parsed.data : null
}

/** Why a stored record was ignored. */
export type IgnoredReason = 'clientWritten' | 'invalid'

export const IGNORED_RECORD_ACTIONS: Record<IgnoredReason, string> = {
  clientWritten: 'store.clientRecordIgnored',
  invalid: 'store.invalidRecordIgnored',
}

/** Ids are capped in the audit log: a client may choose a long one. */
const MAX_AUDITED_ID = 128

/**
 * The audit entry for a record that was read and ignored. It names the collection and the
 * record's id only, never the record's content (which may be forged or hold personal data).
 */
export function ignoredRecordEntry(e: { id: string; at: Date; kind: string; recordId: string; reason: IgnoredReason }): AuditEntry {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: { userId: 'system', role: 'system' },
    action: IGNORED_RECORD_ACTIONS[e.reason],
    caseId: null,
    outcome: 'refused',
    changes: [
      { field: 'collection', before: null, after: e.kind },
      { field: 'id', before: null, after: e.recordId.slice(0, MAX_AUDITED_ID) },
    ],
  }
}
