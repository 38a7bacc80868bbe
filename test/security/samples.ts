/**
 * One valid-looking input per action, aimed at a target (a case, an agreement, an enterprise…).
 * The authorization matrix calls each action with the caller's own target and with a target
 * outside the caller's jurisdiction; the fuzzer starts from these shapes. The table is complete
 * by type: a new action in shared/Api.ts fails the type check until it has a sample here.
 */
import type { ActionInput, ActionName } from '../../shared/Api'
import type { Role } from '../../shared/Role'
import { DEMO_RELATIVE } from '../../local/seed'

/** What a sample input points at; the matrix fills it from the seeded store for each caller. */
export interface Target {
  caseId: string
  caseVersion: number
  enterpriseId: string
  communityId: string
  agreementId: string
  agreementVersion: number
  correctionId: string
  correctionVersion: number
  assetId: string
  /** A roster preview of the target case's enterprise. */
  previewId: string
  /** A relative of the target case (for family.remove). */
  relativeUserId: string
  /** An inbox message of the target case. */
  inboxMessageId: string
  /** A signed visit pass and a fallback code for the target case. */
  visitToken: string
  visitCode: string
}

export const SAMPLES = {
  'session.me': () => ({}),
  'case.myStatus': () => ({}),
  'binding.bind': () => ({ name: '巴特尔', idNumber: '152501195001010011' }),
  'binding.acceptInvite': () => ({ code: '12345678', name: '女儿' }),
  'binding.redeem': () => ({ code: '12345678' }),
  'binding.people': (t) => ({ caseId: t.caseId }),
  'binding.assist': (t) => ({ caseId: t.caseId, identityChecked: true }),
  'binding.unbind': (t) => ({ caseId: t.caseId, userId: t.relativeUserId, identityChecked: true }),
  'community.byCode': (t) => ({ code: t.communityId === 'com-wulan' ? 'WL01' : 'GRL02' }),
  'details.get': () => ({}),
  'details.confirm': (t) => ({ expectedVersion: t.caseVersion }),
  'details.dispute': (t) => ({ expectedVersion: t.caseVersion, fields: [{ field: 'name', reason: '名字写错了一个字' }] }),
  'community.mine': () => ({}),
  'visit.issuePass': () => ({}),
  'visit.open': (t) => ({ token: t.visitToken }),
  'visit.record': (t) => ({ caseId: t.caseId, expectedVersion: t.caseVersion, identityChecked: true, materialsChecked: true, note: '本人在家' }),
  'residence.list': () => ({}),
  'residence.recordService': (t) => ({ caseId: t.caseId, expectedVersion: t.caseVersion, service: '上门看望', note: '身体不错' }),
  'agreement.communities': () => ({}),
  'agreement.candidates': (t) => ({ communityId: t.communityId }),
  'agreement.draft': (t) => ({ communityId: t.communityId, caseIds: [t.caseId], excluded: [] }),
  'agreement.list': () => ({}),
  'agreement.sign': (t) => ({ id: t.agreementId, expectedVersion: t.agreementVersion }),
  'agreement.countersign': (t) => ({ id: t.agreementId, expectedVersion: t.agreementVersion }),
  'archives.enterprises': () => ({}),
  'archives.batch': (t) => ({ enterpriseId: t.enterpriseId, caseIds: [t.caseId] }),
  'correction.list': () => ({}),
  'care.record': (t) => ({ caseId: t.caseId, expectedVersion: t.caseVersion, kind: 'visit', text: '上门看望，身体硬朗' }),
  'case.close': (t) => ({ caseId: t.caseId, expectedVersion: t.caseVersion, reason: 'movedAway', on: '2020-05-01' }),
  'case.transfer': (t) => ({ caseId: t.caseId, expectedVersion: t.caseVersion, toCommunityCode: t.communityId === 'com-wulan' ? 'GRL02' : 'WL01' }),
  'qualification.set': (t) => ({ caseId: t.caseId, expectedVersion: t.caseVersion, needed: true, lastDoneOn: null }),
  'approval.mine': () => ({}),
  'approval.submit': () => ({ details: { kind: 'privateTripAbroad', destination: '蒙古国', from: '2020-05-01', to: '2020-05-10', purpose: '探亲' } }),
  // No request is seeded: an id made from the target case is looked up and not found, inside or out.
  'approval.withdraw': (t) => ({ id: `approval-${t.caseId}`, expectedVersion: 1 }),
  'approval.pending': () => ({}),
  'approval.decide': (t) => ({ id: `approval-${t.caseId}`, expectedVersion: 1, decision: { kind: 'refuse', reason: '材料不全' } }),
  'correction.answer': (t) => ({ id: t.correctionId, expectedVersion: t.correctionVersion, decision: { kind: 'reject', answer: '名册无误' } }),
  'roster.template': () => ({}),
  'roster.referrals': () => ({}),
  'roster.markReferralSent': () => ({ id: 'ref-matrix', expectedVersion: 1 }),
  'roster.preview': () => ({ fileName: '名册.csv', contentBase64: Buffer.from('姓名,身份证号\n').toString('base64') }),
  'roster.previewPerson': () => ({ name: '新退休', idNumber: '152501196503150011' }),
  'roster.confirm': (t) => ({ previewId: t.previewId, expectedVersion: 1 }),
  'roster.continueImport': (t) => ({ previewId: t.previewId }),
  'materials.get': (t) => ({ caseId: t.caseId }),
  'materials.attach': (t) => ({ caseId: t.caseId, item: 'application', fileId: `cloud://env/cases/${t.caseId}/application.jpg`, mimeType: 'image/jpeg', size: 1000 }),
  'materials.confirmHukou': (t) => ({ caseId: t.caseId }),
  'materials.submit': (t) => ({ caseId: t.caseId, expectedVersion: t.caseVersion }),
  'staff.invite': (t) => ({ role: 'gridWorker', orgId: t.communityId }),
  'staff.invites': () => ({}),
  'staff.revokeInvite': () => ({ code: 'ABCD1234' }),
  'staff.orgs': () => ({ role: 'gridWorker' }),
  'staff.members': () => ({}),
  'staff.remove': () => ({ userId: 'dev-grid-wulan' }),
  'staff.join': () => ({ code: 'ABCD1234', name: '新同事', phone: '13900000000' }),
  'audit.case': (t) => ({ caseId: t.caseId }),
  'audit.staff': () => ({ userId: 'dev-grid-wulan', from: '2020-03-01', to: '2020-03-31' }),
  'export.audit': (t) => ({ caseId: t.caseId }),
  'assets.list': () => ({}),
  'assets.save': (t) => ({ id: t.assetId, expectedVersion: 1, asset: { item: '老年活动室', communityId: t.communityId, groupApprovedOn: null, sasacApprovedOn: null, disposal: 'handedOver', completedOn: null } }),
  'expenses.list': (t) => ({ caseId: t.caseId }),
  'expenses.save': (t) => ({
    expense: { caseId: t.caseId, item: '取暖费', method: 'existingChannel', monthlyStandardFen: 10000, oneTimeAmountFen: null, retireeConsent: false, startedOn: '2015-01-01' },
  }),
  'roster.ownRules': (t) => ({ enterpriseId: t.enterpriseId }),
  'roster.markOwnRules': (t) => ({ enterpriseId: t.enterpriseId, ownRules: false }),
  'expenses.accrue': () => ({ accrual: { on: '2019-12-31', amountFen: 1_200_000, note: '取暖费计提' } }),
  'plan.get': () => ({}),
  'plan.save': () => ({ plan: { transferPlanOn: null, stabilityPlanOn: null, stabilityContact: null, noticePublishedOn: null, feedbackClosedOn: null, transferPlan: null, stabilityPlan: null } }),
  'notice.get': (t) => ({ enterpriseId: t.enterpriseId }),
  'notice.publish': () => ({ summary: { changes: '移交后由户籍所在地社区管理服务', unchanged: '养老金照常发放', steps: [{ step: '签订移交协议', by: '2020-03-31' }] }, feedbackClosesOn: '2020-04-30' }),
  'notice.opinions': (t) => ({ enterpriseId: t.enterpriseId }),
  'notice.answer': () => ({ id: 'opinion-none', expectedVersion: 1, answer: '已记下，谢谢。' }),
  'notice.mine': () => ({}),
  'notice.markRead': () => ({ edition: 1 }),
  'notice.sendOpinion': () => ({ edition: 1, text: '活动室能不能保留？' }),
  'messages.mine': () => ({}),
  'messages.markRead': () => ({ ids: ['msg-none'] }),
  'inbox.list': () => ({}),
  'inbox.markRead': (t) => ({ ids: [t.inboxMessageId] }),
  'consent.record': () => ({ moment: 'afterBinding', results: { 'tmpl-none': 'accept' } }),
  'family.list': () => ({}),
  'family.invite': () => ({ mayConfirm: false }),
  'family.remove': (t) => ({ userId: t.relativeUserId }),
  'family.revokeInvite': () => ({ code: '12345678' }),
  'case.list': (t) => ({ enterpriseId: t.enterpriseId, limit: 100 }),
  'case.queue': () => ({ group: 'open', limit: 20 }),
  'case.get': (t) => ({ caseId: t.caseId }),
  'board.overview': () => ({}),
  'board.mine': () => ({}),
  'board.cases': (t) => ({ side: 'enterprise', orgId: t.enterpriseId, stage: 'materials', state: 'open' }),
  'forecast.units': () => ({}),
  'board.burnDown': () => ({}),
  'reach.shares': (t) => ({ side: 'enterprise', orgId: t.enterpriseId }),
  'reach.unreached': () => ({}),
  'case.recordStep': (t) => ({ caseId: t.caseId, expectedVersion: t.caseVersion, step: { type: 'partyRelationTransferred' } }),
  'bulletin.preview': () => ({ date: '2020-03-20' }),
  'bulletin.issue': () => ({ date: '2020-03-20', number: 1 }),
  'bulletin.list': () => ({}),
  'bulletin.get': () => ({ number: 1 }),
  'assessment.preview': () => ({ date: '2020-10-31' }),
  'export.bulletin': () => ({ number: 1, format: 'xlsx' }),
  'export.assessment': () => ({ date: '2020-10-31', format: 'docx' }),
  'print.poster': () => ({}),
  'print.notices': () => ({}),
  'family.ofCase': (t) => ({ caseId: t.caseId }),
  'family.staffInvite': (t) => ({ caseId: t.caseId, mayConfirm: false, relationChecked: true }),
  'family.staffRevokeInvite': (t) => ({ caseId: t.caseId, code: '12345678' }),
  'notice.recordDelivery': (t) => ({ caseId: t.caseId, outcome: 'handedOver' }),
  'concern.raise': () => ({ category: 'communityService', text: '社区的活动室什么时候开门？' }),
  'concern.mine': () => ({}),
  'concern.rate': () => ({ id: 'concern-none', expectedVersion: 1, solved: true }),
  'concern.list': () => ({}),
  'board.concerns': () => ({}),
  'concern.answer': () => ({ id: 'concern-none', expectedVersion: 1, answer: '已电话联系老人说明。' }),
  'plan.setStabilityContact': () => ({ userId: 'dev-ent-water' }),
  'incident.add': () => ({ kind: 'visit', happenedOn: '2020-03-19', people: 1, summary: '一位老人来访询问养老金发放。' }),
  'incident.list': (t) => ({ enterpriseId: t.enterpriseId }),
} satisfies { [A in ActionName]: (t: Target) => ActionInput<A> }

/** The seeded demo user who calls as each role. */
export const CALLER_OF: Record<Role, string> = {
  retiree: 'dev-retiree-1',
  relative: DEMO_RELATIVE.id,
  gridWorker: 'dev-grid-wulan',
  communityAdmin: 'dev-admin-wulan',
  enterpriseOperator: 'dev-ent-water',
  archivesOfficer: 'dev-archives',
  partyOfficer: 'dev-party',
  communityPartySecretary: 'dev-partysec-wulan',
  socialSecurityOfficer: 'dev-hrss',
  supervisor: 'dev-office',
}
