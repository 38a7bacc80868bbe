/** What the cloud actions send to the mini-program. Personal data in them is already masked. */
import * as z from 'zod/mini'
import { ResponsibleParty, StageId } from './Stage'
import { Role } from './Role'
import { CaseActionType, CaseStepType } from './CaseAction'
import { ImportProgress } from './ImportJob'

export const SessionView = z.object({
  userId: z.string(),
  role: Role,
  name: z.string(),
  orgName: z.string(),
  today: z.string().check(z.describe('China date of the server clock (set in the local demo)')),
})
export type SessionView = z.infer<typeof SessionView>

export const StageStatus = z.enum(['done', 'open', 'waiting', 'notApplicable'])
export type StageStatus = z.infer<typeof StageStatus>

export const StageView = z.object({
  id: StageId,
  name: z.string(),
  status: StageStatus,
  deadline: z.nullable(z.string()),
  overdue: z.boolean(),
  responsible: ResponsibleParty,
  responsibleName: z.string(),
  retireeTodo: z.string(),
  contact: z.nullable(z.object({ name: z.string(), phone: z.string() })).check(z.describe('who to ask about this stage: for an open one, whoever answers now')),
  moreContacts: z.optional(
    z
      .array(z.object({ name: z.string(), phone: z.string() }))
      .check(z.describe('the stage’s other parties, and the enterprise’s party body until a party member’s transfer (plan 四（三）)')),
  ),
  note: z.nullable(z.string()).check(z.describe('why a stage does not apply, or how it is handled')),
  completedAt: z.nullable(z.string()),
})
export type StageView = z.infer<typeof StageView>

export const MyCaseView = z.object({
  caseId: z.string(),
  name: z.string(),
  today: z.string(),
  inScope: z.boolean(),
  outOfScopeReason: z.nullable(z.string()),
  done: z.boolean(),
  currentStage: z.nullable(StageView),
  nextDeadline: z.nullable(z.object({ date: z.string(), stageName: z.string(), daysLeft: z.int() })),
  stages: z.array(StageView),
  office: z.object({ name: z.string(), phone: z.string() }).check(z.describe('the leading-group office: whom to call when the community cannot help')),
  receivingRule: z.enum(['hukou', 'residence']).check(z.describe('the policy’s receiving community: 户籍所在地 or 常住地 (the FAQ says which)')),
  care: z
    .array(z.object({ on: z.string().check(z.describe('China date')), title: z.string(), text: z.string() }))
    .check(z.describe('after take-in: the community’s visits, health checks and help, newest first (shared/AfterTakeIn.ts), at most MY_CARE_MAX')),
})
export type MyCaseView = z.infer<typeof MyCaseView>

export const CaseListItem = z.object({
  id: z.string(),
  version: z.int(),
  name: z.string(),
  idNumberMasked: z.string(),
  inScope: z.boolean(),
  currentStage: z.nullable(StageId),
  currentStageName: z.string(),
  nextDeadline: z.nullable(z.string()),
  overdue: z.boolean(),
})
export type CaseListItem = z.infer<typeof CaseListItem>

export const CaseListView = z.object({ items: z.array(CaseListItem), nextCursor: z.nullable(z.string()) })
export type CaseListView = z.infer<typeof CaseListView>

export const CaseDetailView = z.object({
  case: CaseListItem,
  phone: z.string().check(z.describe('masked unless the role calls the person')),
  enterpriseName: z.string(),
  receivingCommunityId: z.string(),
  receivingCommunityName: z.string(),
  stages: z.array(StageView),
  history: z.array(z.object({ type: CaseActionType, name: z.string(), at: z.string(), role: Role })),
  allowedSteps: z.array(CaseStepType).check(z.describe('steps this caller may record now')),
})
export type CaseDetailView = z.infer<typeof CaseDetailView>

export const CorrectionView = z.object({
  id: z.string(),
  status: z.enum(['open', 'accepted', 'rejected']),
  statusName: z.string(),
  fields: z.array(z.object({ field: z.string(), label: z.string(), reason: z.string() })),
  answer: z.nullable(z.string()),
  createdAt: z.string(),
  answeredAt: z.nullable(z.string()),
})
export type CorrectionView = z.infer<typeof CorrectionView>

export const DetailsView = z.object({
  caseId: z.string(),
  version: z.int(),
  fields: z.array(z.object({ field: z.string(), label: z.string(), value: z.string() })),
  status: z.enum(['unconfirmed', 'confirmed', 'disputed']),
  statusAt: z.nullable(z.string()),
  mayConfirm: z.boolean().check(z.describe('false for a relative the retiree has not allowed to confirm')),
  corrections: z.array(CorrectionView),
})
export type DetailsView = z.infer<typeof DetailsView>

export const CommunityCard = z.object({
  code: z.string(),
  name: z.string(),
  address: z.string(),
  serviceHours: z.string(),
  phone: z.string(),
  location: z.nullable(z.object({ latitude: z.number(), longitude: z.number() })),
  activityVenue: z.nullable(z.string()),
  services: z.array(z.string()),
})
export type CommunityCard = z.infer<typeof CommunityCard>

export const CommunityView = z.object({
  receiving: CommunityCard,
  residence: z.nullable(CommunityCard).check(z.describe('where a person who lives away is served')),
  gridWorker: z.nullable(z.object({ name: z.string(), phone: z.string() })),
  partyBranch: z.nullable(z.object({ name: z.string(), place: z.string(), phone: z.string() })),
  contactCard: z.nullable(
    z.object({ name: z.string(), community: z.string(), gridWorker: z.string(), gridWorkerPhone: z.string(), communityPhone: z.string(), address: z.string(), serviceHours: z.string() }),
  ),
})
export type CommunityView = z.infer<typeof CommunityView>

export const VisitPass = z.object({
  token: z.string().check(z.describe('signed: case id + expiry, HMAC-SHA256')),
  fallbackCode: z.string().check(z.describe('8 digits, for workers whose camera fails')),
  expiresAt: z.string(),
  validSeconds: z.int(),
})
export type VisitPass = z.infer<typeof VisitPass>

export const InboxView = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string(), body: z.string(), createdAt: z.string(), read: z.boolean(), link: z.optional(z.string()) })),
  unread: z.int(),
})
export type InboxView = z.infer<typeof InboxView>

export const FamilyView = z.object({
  relatives: z.array(z.object({ userId: z.string(), name: z.string(), mayConfirm: z.boolean() })),
  /** For the retiree every open code; for staff only the codes they issued themselves. */
  openInvites: z.array(z.object({ code: z.string(), mayConfirm: z.boolean(), expiresAt: z.string() })),
  /** For staff: the other open invitations, without their codes (a code read off the card binds as a relative), and who issued each. */
  othersOpen: z.array(z.object({ issuedBy: z.string(), expiresAt: z.string() })),
  remaining: z.int(),
})
export type FamilyView = z.infer<typeof FamilyView>

export const BindResult = z.object({ role: z.enum(['retiree', 'relative']), name: z.string(), caseId: z.string() })
export type BindResult = z.infer<typeof BindResult>

export const AgreementView = z.object({
  id: z.string(),
  version: z.int(),
  enterpriseName: z.string(),
  communityName: z.string(),
  status: z.enum(['draft', 'communitySigned', 'signed']),
  statusName: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  cases: z.array(z.object({ id: z.string(), name: z.string(), idNumberMasked: z.string() })),
  /** Left out by the enterprise when drafting, each with its reason. */
  excluded: z.array(z.object({ id: z.string(), name: z.string(), idNumberMasked: z.string(), reason: z.string() })),
  communitySignedAt: z.nullable(z.string()),
  enterpriseSignedAt: z.nullable(z.string()),
})
export type AgreementView = z.infer<typeof AgreementView>

/** The communities that receive an enterprise's people, each with its people at the agreement stage. */
export const AgreementCommunitiesView = z.object({
  communities: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      people: z.int().check(z.describe("this enterprise's people received by the community, any stage")),
      atAgreementStage: z.int(),
      inOpenAgreements: z.int().check(z.describe('of those, already in an agreement not yet signed')),
    }),
  ),
})
export type AgreementCommunitiesView = z.infer<typeof AgreementCommunitiesView>

/**
 * Who one enterprise may put into its next agreement with one community: everyone at the
 * agreement stage and in no open agreement, the first MAX_BATCH_CASES by case id named here,
 * `total` counting them all.
 */
export const AgreementCandidatesView = z.object({
  communityId: z.string(),
  communityName: z.string(),
  total: z.int(),
  cases: z.array(z.object({ id: z.string(), name: z.string(), idNumberMasked: z.string() })),
})
export type AgreementCandidatesView = z.infer<typeof AgreementCandidatesView>

export const AgreementListView = z.object({ items: z.array(AgreementView), nextCursor: z.nullable(z.string()) })

export const BatchResult = z.object({
  done: z.array(z.object({ caseId: z.string(), name: z.string(), step: z.string() })),
  skipped: z.array(z.object({ caseId: z.string(), name: z.string(), reason: z.string() })),
})
export type BatchResult = z.infer<typeof BatchResult>

export const CorrectionListView = z.object({
  items: z.array(z.extend(CorrectionView, { caseId: z.string(), name: z.string(), version: z.int() })),
  nextCursor: z.nullable(z.string()),
})
export type CorrectionListView = z.infer<typeof CorrectionListView>

export const RosterPreviewView = z.object({
  previewId: z.string(),
  version: z.int(),
  fileName: z.string(),
  status: z.enum(['pending', 'confirming', 'confirmed', 'discarded']),
  progress: z.nullable(ImportProgress).check(z.describe('the import job once the roster is confirmed: rows written of rows, and its end')),
  accepted: z.int().check(z.describe('rows that will be stored')),
  newPeople: z.int(),
  updates: z.int().check(z.describe('rows that update someone already on this roster')),
  handOver: z.int().check(z.describe('accepted rows the hand-over applies to')),
  outOfScope: z
    .array(z.object({ label: z.string(), reason: z.string(), count: z.int(), rows: z.array(z.int()).check(z.describe('the first rows of the group')) }))
    .check(z.describe('accepted rows registered but kept out of the hand-over, one group per rule of the policy (离休, 金融企业退休)')),
  rejected: z.int().check(z.describe('rows with at least one problem')),
  referrals: z.int().check(z.describe('rows whose hukou is outside the city: referred (转出) by the office, no case opened')),
  errors: z.array(z.object({ row: z.int(), column: z.string(), message: z.string() })),
  sample: z.array(
    z.object({
      row: z.int(),
      name: z.string(),
      idNumberMasked: z.string(),
      community: z.string(),
      categories: z.string(),
      update: z.boolean(),
      outOfScope: z.nullable(z.string()).check(z.describe('whom the rule that keeps this row out of the hand-over names, or null')),
    }),
  ),
})
export type RosterPreviewView = z.infer<typeof RosterPreviewView>

export const RosterTemplateView = z.object({ xlsxBase64: z.string(), csv: z.string(), fileName: z.string() })

export const MaterialsView = z.object({
  caseId: z.string(),
  version: z.int().check(z.describe('the checklist version (0 before anything was uploaded)')),
  items: z.array(z.object({ item: z.string(), name: z.string(), files: z.array(z.object({ fileId: z.string(), mimeType: z.string(), size: z.int(), uploadedAt: z.string(), url: z.optional(z.string().check(z.describe('short-lived download link; only materials.get lends one'))) })) })),
  hukouCommunityConfirmed: z.boolean(),
  missing: z.array(z.string()),
})
export type MaterialsView = z.infer<typeof MaterialsView>

export const StaffInviteView = z.object({
  code: z.string(),
  role: z.string(),
  roleName: z.string(),
  orgName: z.string(),
  expiresAt: z.string(),
  status: z.enum(['open', 'used', 'revoked', 'expired']),
})
export const StaffInviteListView = z.object({ items: z.array(StaffInviteView) })
/** The organisations a staff role may belong to, by name, for the invite picker. */
export const StaffOrgListView = z.object({ items: z.array(z.object({ orgId: z.string(), name: z.string() })) })
/** Current staff within the caller's reach (no phone numbers). */
export const StaffMemberListView = z.object({
  items: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string(), roleName: z.string(), orgName: z.string(), isSelf: z.boolean() })),
})
