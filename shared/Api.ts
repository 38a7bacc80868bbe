/**
 * The contract between the mini-program and the cloud: every action's name, input schema,
 * output schema and allowed roles. The server implements it; the client's callCloud validates
 * responses against it.
 */
import * as z from 'zod/mini'
import { CARE_TEXT_MAX, CareKind, CaseStep, CloseReason, ServiceName } from './CaseAction'
import { RETIREE_SIDE_ROLES, ROLES, STAFF_ROLES, type Role } from './Role'
import { StageId } from './Stage'
import { MaterialsView, StaffInviteListView, StaffInviteView, StaffMemberListView, StaffOrgListView, RosterPreviewView, RosterTemplateView, AgreementCandidatesView, AgreementCommunitiesView, AgreementListView, AgreementView, BatchResult, CorrectionListView, BindResult, CaseDetailView, CaseListView, CommunityCard, CommunityView, DetailsView, FamilyView, InboxView, MyCaseView, SessionView, VisitPass } from './Views'
import { DetailField, DisputedField } from './CorrectionRequest'
import { MaterialItem } from './Materials'
import { Asset, EnterprisePlan, ExpenseItem } from './Workstreams'
import { Accrual, ExpenseLedgerView } from './ExpenseLedger'
import { AssetListView } from './AssetTransfer'
import { StabilityPlan, TransferPlan } from './HandoverPlans'
import { STEP_ROLES } from './Authorization'
import { ERROR_CODES } from './AppError'
import { maxKeys } from './Bounds'
import { CaseBindingView } from './WechatLink'
import { QueueGroup, QueueView } from './WorkQueue'
import { BoardView, ConcernBoardView, FigureState, OwnStandingView } from './Board'
import { BurnDownView } from './BurnDown'
import { ReachShares, UnreachedView } from './Reachability'
import { UnitForecastListView } from './UnitForecasts'
import { EXCLUSION_REASON_MAX } from './TransferAgreement'
import { Bulletin, BulletinContent, BulletinListView } from './Bulletin'
import { AssessmentView } from './Assessment'
import { ExportFile, ExportFormat } from './ExportFile'
import { NoticeBatchView, NoticeDeliveryView } from './NoticeLetter'
import { PrintedOutcome } from './Reachability'
import { isChinaDate } from './ChinaTime'
import { AuditCaseInput, AuditExportInput, AuditExportView, AuditStaffInput, AuditTrailView } from './AuditTrail'
import { ResidentItem, ResidentListView } from './Residence'
import { ANSWER_TEXT_MAX, NoticeStaffView, NoticeSummary, OPINION_TEXT_MAX, OpinionItem, OpinionListView, PLAN_CHANGE_MAX, RetireeNoticeView } from './PlanNotice'
import { ReferralItem, ReferralListView } from './Referral'
import { ApprovalDetails, ApprovalMineView, ApprovalQueueView, APPROVER_ROLES } from './Approval'
import { ROSTER_COLUMNS, type RosterColumnKey } from './RosterImport'
import { CONCERN_ANSWER_MAX, CONCERN_TEXT_MAX, ConcernCategory, ConcernItem, ConcernListView, ConcernQueueView } from './Concern'
import { INCIDENT_SUMMARY_MAX, IncidentKind, IncidentListView } from './IncidentLog'

const Version = z.int().check(z.gte(1))
const Ok = z.object({ ok: z.literal(true) })

/** A caller with a WeChat identity (OPENID) but no binding yet: may bind, or read public pages. */
export const GUEST = 'guest'
export type Access = Role | typeof GUEST

const ChinaDateInput = z.string().check(z.trim(), z.maxLength(10), z.refine(isChinaDate, { error: '日期应写成 YYYY-MM-DD 的形式' }))
const BulletinNumber = z.int().check(z.gte(1), z.lte(100_000))

const CaseId = z.string().check(z.trim(), z.minLength(1, { error: '缺少案例编号' }), z.maxLength(64))
/** A page of expense items with the enterprise's ledger (null for the office, which reads every enterprise's items). */
const ExpensesPage = z.object({ items: z.array(ExpenseItem), nextCursor: z.nullable(z.string()), ledger: z.nullable(ExpenseLedgerView) })

/**
 * The most cases one agreement or one archives batch may hold. Its countersignature or the batch
 * is one atomic commit: per case the case itself, an inbox message, a notification event and an
 * audit entry, so 100 cases are about 400 writes. WeChat documents no limit on the documents of
 * one transaction nor a time per write, so this is our own named limit, sized so that the commit
 * and the reads before it stay well inside a function's run time; the screens load 100 at a time.
 */
export const MAX_BATCH_CASES = 100

/** Any role that may record at least one step. */
const STEP_RECORDERS = [...new Set(Object.values(STEP_ROLES).flat())] as Role[]

/** A form with one field per roster column (the same checks as a row of the file, so no other rule to keep in step). */
function RosterPersonForm() {
  const field = z.optional(z.string().check(z.maxLength(120)))
  return z.object(Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, field])) as Record<RosterColumnKey, typeof field>)
}

export const API = {
  'session.me': { input: z.object({}), output: SessionView, roles: ROLES },
  'case.myStatus': { input: z.object({}), output: MyCaseView, roles: RETIREE_SIDE_ROLES },
  'binding.bind': {
    input: z.object({
      name: z.string().check(z.trim(), z.minLength(1, { error: '请填写姓名' }), z.maxLength(40, { error: '姓名太长了，请核对' })),
      idNumber: z.string().check(z.trim(), z.minLength(1, { error: '请填写身份证号' }), z.maxLength(40, { error: '身份证号太长了，请核对' })),
    }),
    output: BindResult,
    roles: [GUEST],
  },
  'binding.acceptInvite': {
    input: z.object({ code: z.string().check(z.trim(), z.maxLength(8), z.regex(/^\d{8}$/, { error: '邀请码是8位数字' })), name: z.string().check(z.trim(), z.minLength(1, { error: '请填写您的称呼' }), z.maxLength(20)) }),
    output: BindResult,
    roles: [GUEST],
  },
  'binding.redeem': {
    input: z.object({ code: z.string().check(z.trim(), z.maxLength(8), z.regex(/^\d{8}$/, { error: '绑定码是8位数字' })) }),
    output: BindResult,
    roles: [GUEST],
  },
  'binding.people': { input: z.object({ caseId: CaseId }), output: CaseBindingView, roles: ['gridWorker', 'communityAdmin'] },
  'binding.assist': {
    input: z.object({ caseId: CaseId, identityChecked: z.literal(true, { error: '请先当面核对老人的身份证' }) }),
    output: CaseBindingView,
    roles: ['gridWorker', 'communityAdmin'],
  },
  'binding.unbind': {
    input: z.object({ caseId: CaseId, userId: z.string().check(z.minLength(1), z.maxLength(80)), identityChecked: z.literal(true, { error: '请先当面核对老人的身份证' }) }),
    output: CaseBindingView,
    roles: ['gridWorker', 'communityAdmin'],
  },
  'community.byCode': { input: z.object({ code: z.string().check(z.trim(), z.minLength(1), z.maxLength(32)) }), output: CommunityCard, roles: [GUEST, ...ROLES] },
  'details.get': { input: z.object({}), output: DetailsView, roles: RETIREE_SIDE_ROLES },
  'details.confirm': { input: z.object({ expectedVersion: Version }), output: DetailsView, roles: RETIREE_SIDE_ROLES },
  'details.dispute': {
    input: z.object({
      expectedVersion: Version,
      fields: z
        .array(DisputedField)
        .check(
          z.minLength(1, { error: '请至少选一项有误的信息' }),
          z.maxLength(10),
          z.refine((fs) => new Set(fs.map((f) => f.field)).size === fs.length, { error: '同一项信息只需填写一次' }),
        ),
    }),
    output: DetailsView,
    roles: RETIREE_SIDE_ROLES,
  },
  'community.mine': { input: z.object({}), output: CommunityView, roles: RETIREE_SIDE_ROLES },
  'visit.issuePass': { input: z.object({}), output: VisitPass, roles: RETIREE_SIDE_ROLES },
  'visit.open': {
    input: z.union([
      z.object({ token: z.string().check(z.minLength(1), z.maxLength(300)) }),
      z.object({ code: z.string().check(z.trim(), z.maxLength(8), z.regex(/^\d{8}$/, { error: '数字码是8位数字' })) }),
    ]),
    // The proof that this worker opened the case with a fresh pass or code, for visit.record.
    output: z.extend(CaseDetailView, { visitProofId: z.string() }),
    roles: ['gridWorker', 'communityAdmin'],
  },
  'visit.record': {
    input: z.object({
      caseId: CaseId,
      expectedVersion: Version,
      identityChecked: z.boolean(),
      materialsChecked: z.boolean(),
      note: z.optional(z.string().check(z.maxLength(200))),
      visitProofId: z.optional(z.string().check(z.maxLength(64), z.describe('from visit.open; needed when identityChecked'))),
    }),
    output: CaseDetailView,
    roles: ['gridWorker', 'communityAdmin'],
  },
  // 在本社区居住的外社区人员 (plan 四（六）): the residence community's own list and the services it gives.
  'residence.list': {
    input: z.object({ limit: z.optional(z.int().check(z.gte(1), z.lte(100))), after: z.optional(z.string().check(z.maxLength(64))) }),
    output: ResidentListView,
    roles: ['gridWorker', 'communityAdmin'],
  },
  'residence.recordService': {
    input: z.object({ caseId: CaseId, expectedVersion: Version, service: ServiceName, note: z.optional(z.string().check(z.maxLength(200))) }),
    output: ResidentItem,
    roles: ['gridWorker', 'communityAdmin'],
  },
  'agreement.communities': { input: z.object({}), output: AgreementCommunitiesView, roles: ['enterpriseOperator'] },
  'agreement.candidates': { input: z.object({ communityId: z.string().check(z.minLength(1), z.maxLength(64)) }), output: AgreementCandidatesView, roles: ['enterpriseOperator'] },
  'agreement.draft': {
    input: z.object({
      communityId: z.string().check(z.minLength(1), z.maxLength(64)),
      caseIds: z.array(CaseId).check(z.minLength(1, { error: '请至少选一位退休人员' }), z.maxLength(MAX_BATCH_CASES, { error: `一份协议最多${MAX_BATCH_CASES}人，请分成几份起草` })),
      // Everyone at the agreement stage is preselected; whoever the operator leaves out needs a reason.
      excluded: z.optional(
        z.array(
          z.object({
            caseId: CaseId,
            reason: z.string().check(z.trim(), z.minLength(1, { error: '请写明为什么不放进这份协议' }), z.maxLength(EXCLUSION_REASON_MAX, { error: `原因请写在${EXCLUSION_REASON_MAX}个字以内` })),
          }),
        ).check(z.maxLength(MAX_BATCH_CASES)),
      ),
    }),
    output: AgreementView,
    roles: ['enterpriseOperator'],
  },
  'agreement.list': { input: z.object({ after: z.optional(z.string().check(z.maxLength(80))) }), output: AgreementListView, roles: ['enterpriseOperator', 'communityAdmin', 'supervisor'] },
  'agreement.sign': { input: z.object({ id: z.string().check(z.minLength(1), z.maxLength(80)), expectedVersion: Version }), output: AgreementView, roles: ['communityAdmin'] },
  'agreement.countersign': { input: z.object({ id: z.string().check(z.minLength(1), z.maxLength(80)), expectedVersion: Version }), output: AgreementView, roles: ['enterpriseOperator'] },
  'archives.enterprises': {
    input: z.object({}),
    output: z.object({ items: z.array(z.object({ enterpriseId: z.string(), name: z.string(), waiting: z.int().check(z.describe('people whose personnel file is to be handed over now')) })) }),
    roles: ['archivesOfficer'],
  },
  'archives.batch': {
    input: z.object({ enterpriseId: z.string().check(z.minLength(1), z.maxLength(64)), caseIds: z.array(CaseId).check(z.minLength(1), z.maxLength(MAX_BATCH_CASES, { error: `一批最多${MAX_BATCH_CASES}人，请分批移交` })) }),
    output: BatchResult,
    roles: ['archivesOfficer'],
  },
  'correction.list': { input: z.object({ status: z.optional(z.enum(['open', 'accepted', 'rejected'])), after: z.optional(z.string().check(z.maxLength(80))) }), output: CorrectionListView, roles: ['enterpriseOperator'] },
  'correction.answer': {
    input: z.object({
      id: z.string().check(z.minLength(1), z.maxLength(80)),
      expectedVersion: Version,
      decision: z.discriminatedUnion('kind', [
        z.object({
          kind: z.literal('accept'),
          values: z.partialRecord(DetailField, z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
          answer: z.string().check(z.trim(), z.minLength(1, { error: '请写一句答复' }), z.maxLength(200)),
        }),
        z.object({ kind: z.literal('reject'), answer: z.string().check(z.trim(), z.minLength(1, { error: '不更正时请写明理由' }), z.maxLength(200)) }),
      ]),
    }),
    output: CorrectionListView,
    roles: ['enterpriseOperator'],
  },
  'roster.template': { input: z.object({}), output: RosterTemplateView, roles: ['enterpriseOperator'] },
  'roster.preview': {
    input: z.object({
      fileName: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
      contentBase64: z.string().check(z.minLength(1, { error: '文件是空的' }), z.maxLength(11_200_000, { error: '文件太大了（超过8MB），请分成几个文件导入。' })),
    }),
    output: RosterPreviewView,
    roles: ['enterpriseOperator'],
  },
  // 转出: roster rows whose hukou is outside the city, listed for the office to send on (served by `roster`, which writes them).
  'roster.referrals': {
    input: z.object({ status: z.optional(z.enum(['open', 'sent'])), limit: z.optional(z.int().check(z.gte(1), z.lte(100))), after: z.optional(z.string().check(z.maxLength(120))) }),
    output: ReferralListView,
    roles: ['supervisor'],
  },
  'roster.markReferralSent': { input: z.object({ id: z.string().check(z.minLength(1), z.maxLength(120)), expectedVersion: Version }), output: ReferralItem, roles: ['supervisor'] },
  // 新退休人员: one person typed into a form, checked as one row of a roster (the same preview, confirmed by roster.confirm).
  'roster.previewPerson': { input: RosterPersonForm(), output: RosterPreviewView, roles: ['enterpriseOperator'] },
  'roster.confirm': { input: z.object({ previewId: z.string().check(z.minLength(1), z.maxLength(80)), expectedVersion: Version }), output: RosterPreviewView, roles: ['enterpriseOperator'] },
  // The confirmed roster's import job, continued for a while (chunks of one transaction each) and its progress: the operator's screen polls it until the end. Without previewId: the enterprise's job still running, or null.
  'roster.continueImport': { input: z.object({ previewId: z.optional(z.string().check(z.minLength(1), z.maxLength(80))) }), output: z.nullable(RosterPreviewView), roles: ['enterpriseOperator'] },
  // 一（四）: whether the office marked this enterprise 另有规定 (its screen shows it before the office changes it).
  'roster.ownRules': {
    input: z.object({ enterpriseId: z.string().check(z.minLength(1), z.maxLength(64)) }),
    output: z.object({ enterpriseId: z.string(), name: z.string(), ownRules: z.boolean() }),
    roles: ['supervisor'],
  },
  // 一（四）: the office marks a financial enterprise 另有规定; its cases are summarised again (in the roster function).
  'roster.markOwnRules': {
    input: z.object({ enterpriseId: z.string().check(z.minLength(1), z.maxLength(64)), ownRules: z.boolean() }),
    output: z.object({ enterpriseId: z.string(), ownRules: z.boolean(), casesRead: z.int(), casesRefreshed: z.int() }),
    roles: ['supervisor'],
  },
  'materials.get': { input: z.object({ caseId: CaseId }), output: MaterialsView, roles: ['enterpriseOperator', 'gridWorker', 'communityAdmin'] },
  'materials.attach': {
    input: z.object({
      caseId: CaseId,
      item: MaterialItem,
      // Its type and size are read from the stored file by the server, not taken from the caller.
      fileId: z.string().check(z.minLength(1), z.maxLength(300)),
    }),
    output: MaterialsView,
    roles: ['enterpriseOperator'],
  },
  'materials.confirmHukou': { input: z.object({ caseId: CaseId }), output: MaterialsView, roles: ['enterpriseOperator'] },
  'materials.submit': { input: z.object({ caseId: CaseId, expectedVersion: Version }), output: CaseDetailView, roles: ['enterpriseOperator'] },
  'staff.invite': {
    input: z.object({ role: z.enum(['gridWorker', 'communityAdmin', 'enterpriseOperator', 'archivesOfficer', 'partyOfficer', 'communityPartySecretary', 'socialSecurityOfficer', 'supervisor']), orgId: z.string().check(z.minLength(1), z.maxLength(64)) }),
    output: StaffInviteView,
    // A community admin only for its own community's grid workers and party secretary, the organisation
    // department only for party secretaries (INVITES_OF, checked in the handler).
    roles: ['supervisor', 'communityAdmin', 'partyOfficer'],
  },
  'staff.invites': { input: z.object({}), output: StaffInviteListView, roles: ['supervisor', 'communityAdmin', 'partyOfficer'] },
  'staff.revokeInvite': { input: z.object({ code: z.string().check(z.minLength(1), z.maxLength(20)) }), output: StaffInviteListView, roles: ['supervisor', 'communityAdmin', 'partyOfficer'] },
  'staff.orgs': {
    input: z.object({ role: z.enum(['gridWorker', 'communityAdmin', 'enterpriseOperator', 'archivesOfficer', 'partyOfficer', 'communityPartySecretary', 'socialSecurityOfficer', 'supervisor']) }),
    output: StaffOrgListView,
    roles: ['supervisor', 'communityAdmin', 'partyOfficer'],
  },
  'staff.members': { input: z.object({}), output: StaffMemberListView, roles: ['supervisor', 'communityAdmin', 'partyOfficer'] },
  'staff.remove': { input: z.object({ userId: z.string().check(z.minLength(1), z.maxLength(128)) }), output: StaffMemberListView, roles: ['supervisor', 'communityAdmin', 'partyOfficer'] },
  'staff.join': {
    input: z.object({
      code: z.string().check(z.trim(), z.maxLength(8), z.regex(/^[A-Z0-9]{8}$/, { error: '邀请码是8位字母或数字' })),
      name: z.string().check(z.trim(), z.minLength(1, { error: '请填写姓名' }), z.maxLength(20)),
      phone: z.string().check(z.trim(), z.maxLength(11), z.regex(/^1\d{10}$/, { error: '请填写11位手机号' })),
    }),
    output: SessionView,
    roles: [GUEST],
  },
  'assets.list': {
    input: z.object({ enterpriseId: z.optional(z.string().check(z.maxLength(64))), after: z.optional(z.string().check(z.maxLength(80))) }),
    output: AssetListView,
    // The enterprise its own; the receiving community the assets coming to it; the office all, or one enterprise's (issue 11 #7).
    roles: ['enterpriseOperator', 'communityAdmin', 'supervisor'],
  },
  'assets.save': {
    input: z.object({ asset: z.omit(Asset, { enterpriseId: true, version: true, id: true }), id: z.optional(z.string().check(z.maxLength(80))), expectedVersion: z.optional(Version) }),
    output: AssetListView,
    roles: ['enterpriseOperator'],
  },
  'expenses.list': { input: z.object({ caseId: z.optional(CaseId), after: z.optional(z.string().check(z.maxLength(80))) }), output: ExpensesPage, roles: ['enterpriseOperator', 'supervisor'] },
  'expenses.save': {
    input: z.object({ expense: z.omit(ExpenseItem, { enterpriseId: true, version: true, id: true, transitionYear: true }), id: z.optional(z.string().check(z.maxLength(80))), expectedVersion: z.optional(Version) }),
    output: ExpensesPage,
    roles: ['enterpriseOperator'],
  },
  'expenses.accrue': { input: z.object({ accrual: z.omit(Accrual, { id: true }) }), output: ExpensesPage, roles: ['enterpriseOperator'] },
  // The office names the enterprise; an enterprise reads its own.
  'plan.get': { input: z.object({ enterpriseId: z.optional(z.string().check(z.maxLength(64))) }), output: z.nullable(EnterprisePlan), roles: ['enterpriseOperator', 'supervisor'] },
  'plan.save': {
    // The plans' contents are required here (null when not written), so a form that leaves them out cannot wipe them.
    input: z.object({ plan: z.extend(z.omit(EnterprisePlan, { id: true, version: true, stabilityContactUserId: true }), { transferPlan: z.nullable(TransferPlan), stabilityPlan: z.nullable(StabilityPlan) }), expectedVersion: z.optional(Version) }),
    output: EnterprisePlan,
    roles: ['enterpriseOperator'],
  },
  // 公告公示 and 意见反馈 of the 移交方案 (plan 五（一）3, shared/PlanNotice.ts). The office names the enterprise; an enterprise reads its own.
  'notice.get': { input: z.object({ enterpriseId: z.optional(z.string().check(z.maxLength(64))) }), output: NoticeStaffView, roles: ['enterpriseOperator', 'supervisor'] },
  'notice.publish': {
    input: z.object({ summary: NoticeSummary, feedbackClosesOn: ChinaDateInput, expectedEdition: z.optional(z.int().check(z.gte(1), z.describe('the edition the form was written over; absent for the first'))) }),
    output: NoticeStaffView,
    roles: ['enterpriseOperator'],
  },
  'notice.opinions': {
    input: z.object({ enterpriseId: z.optional(z.string().check(z.maxLength(64))), after: z.optional(z.string().check(z.maxLength(80))) }),
    output: OpinionListView,
    roles: ['enterpriseOperator', 'supervisor'],
  },
  'notice.answer': {
    input: z.object({
      id: z.string().check(z.minLength(1), z.maxLength(80)),
      expectedVersion: Version,
      answer: z.string().check(z.trim(), z.minLength(1, { error: '请写一句答复' }), z.maxLength(ANSWER_TEXT_MAX, { error: `答复请写在${ANSWER_TEXT_MAX}个字以内` })),
      planChange: z.optional(z.string().check(z.trim(), z.maxLength(PLAN_CHANGE_MAX, { error: `方案的修改请写在${PLAN_CHANGE_MAX}个字以内` }))),
    }),
    output: OpinionItem,
    roles: ['enterpriseOperator'],
  },
  'notice.mine': { input: z.object({}), output: RetireeNoticeView, roles: RETIREE_SIDE_ROLES },
  'notice.markRead': { input: z.object({ edition: z.int().check(z.gte(1)) }), output: RetireeNoticeView, roles: RETIREE_SIDE_ROLES },
  'notice.sendOpinion': {
    input: z.object({
      edition: z.int().check(z.gte(1)),
      text: z.string().check(z.trim(), z.minLength(1, { error: '请写下您的意见' }), z.maxLength(OPINION_TEXT_MAX, { error: `意见请写在${OPINION_TEXT_MAX}个字以内` })),
    }),
    output: RetireeNoticeView,
    roles: RETIREE_SIDE_ROLES,
  },
  'messages.mine': { input: z.object({}), output: InboxView, roles: STAFF_ROLES },
  'messages.markRead': { input: z.object({ ids: z.array(z.string().check(z.maxLength(300))).check(z.maxLength(200)) }), output: InboxView, roles: STAFF_ROLES },
  'inbox.list': { input: z.object({}), output: InboxView, roles: RETIREE_SIDE_ROLES },
  'inbox.markRead': { input: z.object({ ids: z.array(z.string().check(z.maxLength(80))).check(z.maxLength(200)) }), output: InboxView, roles: RETIREE_SIDE_ROLES },
  'consent.record': {
    input: z.object({
      moment: z.enum(['afterBinding', 'afterConfirming']),
      results: z.record(z.string().check(z.maxLength(64)), z.enum(['accept', 'reject', 'ban', 'filter'])).check(maxKeys(20)),
    }),
    output: Ok,
    roles: RETIREE_SIDE_ROLES,
  },
  'family.list': { input: z.object({}), output: FamilyView, roles: ['retiree'] },
  'family.invite': { input: z.object({ mayConfirm: z.boolean() }), output: FamilyView, roles: ['retiree'] },
  'family.remove': { input: z.object({ userId: z.string().check(z.minLength(1), z.maxLength(80)) }), output: FamilyView, roles: ['retiree'] },
  'family.revokeInvite': { input: z.object({ code: z.string().check(z.trim(), z.maxLength(8), z.regex(/^\d{8}$/)) }), output: FamilyView, roles: ['retiree'] },
  // The community's path for a retiree without WeChat: staff check the relationship in person, then issue (or revoke) the same invitation.
  'family.ofCase': { input: z.object({ caseId: CaseId }), output: FamilyView, roles: ['gridWorker', 'communityAdmin'] },
  'family.staffInvite': {
    input: z.object({ caseId: CaseId, mayConfirm: z.boolean(), relationChecked: z.literal(true, { error: '请先当面核对亲属关系和双方的身份证' }) }),
    output: FamilyView,
    roles: ['gridWorker', 'communityAdmin'],
  },
  'family.staffRevokeInvite': { input: z.object({ caseId: CaseId, code: z.string().check(z.trim(), z.maxLength(8), z.regex(/^\d{8}$/)) }), output: FamilyView, roles: ['gridWorker', 'communityAdmin'] },
  'case.list': {
    input: z.object({
      stage: z.optional(StageId),
      overdue: z.optional(z.boolean()),
      unverified: z.optional(z.boolean().check(z.describe('not yet seen in person by a grid worker'))),
      name: z.optional(z.string().check(z.trim(), z.maxLength(40))),
      enterpriseId: z.optional(z.string().check(z.maxLength(64))),
      limit: z.optional(z.int().check(z.gte(1), z.lte(100))),
      after: z.optional(z.string().check(z.maxLength(64))),
    }),
    output: CaseListView,
    roles: STAFF_ROLES,
  },
  'case.queue': {
    input: z.object({
      group: z.optional(QueueGroup),
      limit: z.optional(z.int().check(z.gte(1), z.lte(100))),
      after: z.optional(z.string().check(z.maxLength(120))),
    }),
    output: QueueView,
    roles: ['gridWorker', 'communityAdmin'],
  },
  'case.get': { input: z.object({ caseId: CaseId }), output: CaseDetailView, roles: STAFF_ROLES },
  'board.overview': { input: z.object({}), output: BoardView, roles: ['supervisor'] },
  'board.mine': { input: z.object({}), output: OwnStandingView, roles: ['enterpriseOperator', 'communityAdmin', 'gridWorker', 'archivesOfficer', 'partyOfficer', 'communityPartySecretary', 'socialSecurityOfficer'] },
  'board.cases': {
    input: z.object({
      side: z.enum(['enterprise', 'community', 'city']).check(z.describe('whose cases: one enterprise, one receiving community, or the whole city')),
      orgId: z.optional(z.string().check(z.maxLength(64))),
      stage: StageId,
      state: FigureState,
      after: z.optional(z.string().check(z.maxLength(64))),
    }),
    output: CaseListView,
    roles: STAFF_ROLES,
  },
  // The unit is the caller's own (from their role and organisation), or every unit for the office.
  'forecast.units': { input: z.object({}), output: UnitForecastListView, roles: ['supervisor', 'enterpriseOperator', 'communityAdmin', 'archivesOfficer', 'partyOfficer', 'communityPartySecretary', 'socialSecurityOfficer'] },
  'board.burnDown': { input: z.object({}), output: BurnDownView, roles: ['supervisor'] },
  // Reachability (issue 14): one unit's shares (the office names it; staff get their own unit), and a community's people reachable by no channel.
  'reach.shares': {
    input: z.object({ side: z.enum(['enterprise', 'community']), orgId: z.optional(z.string().check(z.maxLength(64))) }),
    output: ReachShares,
    roles: ['supervisor', 'enterpriseOperator', 'communityAdmin', 'gridWorker'],
  },
  'reach.unreached': { input: z.object({ after: z.optional(z.string().check(z.maxLength(64))) }), output: UnreachedView, roles: ['gridWorker', 'communityAdmin'] },
  'case.recordStep': {
    input: z.object({ caseId: CaseId, expectedVersion: z.int().check(z.gte(1)), step: CaseStep }),
    output: CaseDetailView,
    roles: STEP_RECORDERS,
  },
  // 通报 and 考核 (plan 三（三）): the office writes them; every member of staff may read an issued bulletin.
  'bulletin.preview': { input: z.object({ date: ChinaDateInput }), output: BulletinContent, roles: ['supervisor'] },
  'bulletin.issue': { input: z.object({ date: ChinaDateInput, number: BulletinNumber }), output: Bulletin, roles: ['supervisor'] },
  'bulletin.list': { input: z.object({ after: z.optional(z.string().check(z.maxLength(12))), limit: z.optional(z.int().check(z.gte(1), z.lte(50))) }), output: BulletinListView, roles: STAFF_ROLES },
  'bulletin.get': { input: z.object({ number: BulletinNumber }), output: Bulletin, roles: STAFF_ROLES },
  'assessment.preview': { input: z.object({ date: ChinaDateInput }), output: AssessmentView, roles: ['supervisor'] },
  // Served by the `roster` function, which holds exceljs and docx.
  'export.bulletin': { input: z.object({ number: BulletinNumber, format: ExportFormat }), output: ExportFile, roles: ['supervisor'] },
  'export.assessment': { input: z.object({ date: ChinaDateInput, format: ExportFormat }), output: ExportFile, roles: ['supervisor'] },
  'audit.case': { input: AuditCaseInput, output: AuditTrailView, roles: ['supervisor'] },
  'audit.staff': { input: AuditStaffInput, output: AuditTrailView, roles: ['supervisor'] },
  // Served by the `roster` function (exceljs), as the other exports.
  'export.audit': { input: AuditExportInput, output: AuditExportView, roles: ['supervisor'] },
  // After take-in (plan 四（七）, shared/AfterTakeIn.ts): the receiving community's visits and help, a death or a move away, a move within the city; 人社局's yearly-check field.
  'care.record': {
    input: z.object({
      caseId: CaseId,
      expectedVersion: Version,
      kind: CareKind,
      text: z.string().check(z.trim(), z.minLength(1, { error: '请写明看到的情况或帮了什么' }), z.maxLength(CARE_TEXT_MAX, { error: `请写在${CARE_TEXT_MAX}个字以内` })),
    }),
    output: CaseDetailView,
    roles: ['gridWorker', 'communityAdmin'],
  },
  'case.close': {
    input: z.object({ caseId: CaseId, expectedVersion: Version, reason: CloseReason, on: ChinaDateInput, note: z.optional(z.string().check(z.trim(), z.maxLength(200, { error: '说明请写在200个字以内' }))) }),
    output: CaseDetailView,
    roles: ['gridWorker', 'communityAdmin'],
  },
  'case.transfer': {
    input: z.object({ caseId: CaseId, expectedVersion: Version, toCommunityCode: z.string().check(z.trim(), z.minLength(1, { error: '请填新社区的编号（社区海报上有）' }), z.maxLength(32)).check(z.describe('the code on the new community’s poster')), note: z.optional(z.string().check(z.trim(), z.maxLength(200, { error: '说明请写在200个字以内' }))) }),
    output: CaseDetailView,
    roles: ['gridWorker', 'communityAdmin', 'supervisor'],
  },
  'qualification.set': {
    input: z.object({ caseId: CaseId, expectedVersion: Version, needed: z.boolean(), lastDoneOn: z.nullable(ChinaDateInput) }),
    output: CaseDetailView,
    roles: ['socialSecurityOfficer'],
  },
  // 兼职（任职）、因私出国（境）审批 after the hand-over (plan 四（七）): the retiree's side asks, the unit it is routed to decides.
  'approval.mine': { input: z.object({ after: z.optional(z.string().check(z.maxLength(80))) }), output: ApprovalMineView, roles: RETIREE_SIDE_ROLES },
  'approval.submit': { input: z.object({ details: ApprovalDetails }), output: ApprovalMineView, roles: RETIREE_SIDE_ROLES },
  'approval.withdraw': { input: z.object({ id: z.string().check(z.minLength(1), z.maxLength(80)), expectedVersion: Version }), output: ApprovalMineView, roles: RETIREE_SIDE_ROLES },
  'approval.pending': { input: z.object({ after: z.optional(z.string().check(z.maxLength(80))) }), output: ApprovalQueueView, roles: APPROVER_ROLES },
  'approval.decide': {
    input: z.object({
      id: z.string().check(z.minLength(1), z.maxLength(80)),
      expectedVersion: Version,
      decision: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('approve'), note: z.optional(z.string().check(z.trim(), z.maxLength(200, { error: '意见请写在200个字以内' }))) }),
        z.object({ kind: z.literal('refuse'), reason: z.string().check(z.trim(), z.minLength(1, { error: '不同意时请写明理由' }), z.maxLength(200, { error: '理由请写在200个字以内' })) }),
      ]),
    }),
    output: ApprovalQueueView,
    roles: APPROVER_ROLES,
  },
  // Served by the `print` function (pdfkit and the CJK font cut at build time): the community's QR poster, a PDF.
  'print.poster': { input: z.object({}), output: ExportFile, roles: ['communityAdmin'] },
  // Also `print`: one PDF of notice letters (NOTICE_BATCH a batch) for the community's retirees with no working digital channel.
  'print.notices': { input: z.object({ after: z.optional(CaseId) }), output: NoticeBatchView, roles: ['communityAdmin', 'gridWorker'] },
  // The grid worker's record of a printed notice's delivery; the board counts one handed over or left at the door as reached in person.
  'notice.recordDelivery': { input: z.object({ caseId: CaseId, outcome: PrintedOutcome }), output: NoticeDeliveryView, roles: ['gridWorker', 'communityAdmin'] },
  // 诉求与信访 (issue 13): the retiree side raises and rates; the answering unit and whoever the ladder reached answer.
  'concern.raise': {
    input: z.object({
      category: ConcernCategory,
      text: z.string().check(z.trim(), z.minLength(1, { error: '请写几句您想反映的事' }), z.maxLength(CONCERN_TEXT_MAX, { error: `请不要超过${CONCERN_TEXT_MAX}个字` })),
      // An optional photo, uploaded like a material's (materials/<the caller>/<own case>/); its type and size are read by the server.
      fileId: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
    }),
    output: ConcernListView,
    roles: RETIREE_SIDE_ROLES,
  },
  'concern.mine': { input: z.object({ after: z.optional(z.string().check(z.maxLength(80))) }), output: ConcernListView, roles: RETIREE_SIDE_ROLES },
  'concern.rate': { input: z.object({ id: z.string().check(z.minLength(1), z.maxLength(80)), expectedVersion: Version, solved: z.boolean() }), output: ConcernListView, roles: RETIREE_SIDE_ROLES },
  'concern.list': {
    input: z.object({ queue: z.optional(z.string().check(z.maxLength(120))), after: z.optional(z.string().check(z.maxLength(80))) }),
    output: ConcernQueueView,
    roles: ['enterpriseOperator', 'gridWorker', 'communityAdmin', 'communityPartySecretary', 'archivesOfficer', 'partyOfficer', 'socialSecurityOfficer', 'supervisor'],
  },
  'concern.answer': {
    input: z.object({
      id: z.string().check(z.minLength(1), z.maxLength(80)),
      expectedVersion: Version,
      answer: z.string().check(z.trim(), z.minLength(1, { error: '请写明答复' }), z.maxLength(CONCERN_ANSWER_MAX, { error: `答复请不要超过${CONCERN_ANSWER_MAX}个字` })),
    }),
    output: ConcernItem,
    roles: ['enterpriseOperator', 'gridWorker', 'communityAdmin', 'communityPartySecretary', 'archivesOfficer', 'partyOfficer', 'socialSecurityOfficer', 'supervisor'],
  },
  // The 维稳联系人 is one of the enterprise's operators (invited as any), designated by the enterprise.
  'board.concerns': { input: z.object({}), output: ConcernBoardView, roles: ['supervisor'] },
  'plan.setStabilityContact': { input: z.object({ userId: z.string().check(z.minLength(1), z.maxLength(128)) }), output: EnterprisePlan, roles: ['enterpriseOperator'] },
  'incident.add': {
    input: z.object({
      kind: IncidentKind,
      happenedOn: ChinaDateInput,
      people: z.int().check(z.gte(1, { error: '人数至少是1' }), z.lte(100_000)),
      summary: z.string().check(z.trim(), z.minLength(1, { error: '请写明发生了什么、怎么处理的' }), z.maxLength(INCIDENT_SUMMARY_MAX, { error: `请不要超过${INCIDENT_SUMMARY_MAX}个字` })),
    }),
    output: IncidentListView,
    roles: ['enterpriseOperator'],
  },
  // The office names the enterprise; an enterprise reads its own.
  'incident.list': {
    input: z.object({ enterpriseId: z.optional(z.string().check(z.maxLength(64))), after: z.optional(z.string().check(z.maxLength(80))) }),
    output: IncidentListView,
    roles: ['enterpriseOperator', 'supervisor'],
  },
} as const satisfies Record<string, { input: z.ZodMiniType; output: z.ZodMiniType; roles: readonly Access[] }>

export type ActionName = keyof typeof API
export type ActionInput<A extends ActionName> = z.input<(typeof API)[A]['input']>
export type ActionOutput<A extends ActionName> = z.infer<(typeof API)[A]['output']>

export const ACTION_NAMES = Object.keys(API) as ActionName[]

/** Actions a caller without a binding may call. */
export type GuestAction = { [A in ActionName]: typeof GUEST extends (typeof API)[A]['roles'][number] ? A : never }[ActionName]

/** The cloud function that serves the API. */
export const API_FUNCTION = 'api'
/** Roster import and the file exports need exceljs (and docx); they run in a function of their own so `api` stays small, and so does the expense ledger (rarely used, with its rules). */
export const ROSTER_FUNCTION = 'roster'

/** Printed pages (posters, notice letters) need pdfkit and a CJK font: a function of their own. */
export const PRINT_FUNCTION = 'print'

/** Staff-only actions after take-in (shared/AfterTakeIn.ts): served by `roster` too, to keep `api` under its budget (they took it 4.9 KB up). */
export const AFTER_TAKE_IN_ACTIONS: readonly ActionName[] = ['care.record', 'case.close', 'case.transfer', 'qualification.set']

export function functionFor(action: ActionName): string {
  if (action.startsWith('print.')) return PRINT_FUNCTION
  return action.startsWith('roster.') || action.startsWith('export.') || action.startsWith('expenses.') || AFTER_TAKE_IN_ACTIONS.includes(action) ? ROSTER_FUNCTION : API_FUNCTION
}

export const ApiError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  caseId: z.optional(z.string()),
  stage: z.optional(z.string()),
  fields: z.optional(z.array(z.string())),
})
export type ApiError = z.infer<typeof ApiError>

export type ApiResponse<T> = { ok: true; data: T } | { ok: false; error: ApiError }

export const ApiRequest = z.object({ action: z.string().check(z.maxLength(64)), input: z.optional(z.unknown()) })
