import * as z from 'zod/mini'
import { Role } from './Role'
import { DetailField } from './CorrectionRequest'

/** The steps that move a case through its stages (append-only; status is derived from them). */
export const CASE_STEP_TYPES = [
  'rosterConfirmed', // 摸底造册完成
  'materialsSubmitted', // 移交材料齐全
  'agreementCommunitySigned', // 社区已在移交协议上签字
  'agreementSigned', // 移交协议已签订（企业会签）
  'personnelFileTransferred', // 人事档案已移交
  'classifiedFileHandled', // 涉密档案已按保密规定办理
  'partyRelationTransferred', // 党组织关系已转入社区
  'partyBranchAssigned', // 已编入党支部
  'socialSecurityHandedOver', // 社保服务已衔接 (stored before the bureaus recorded their own steps; no longer recorded)
  'pensionHandedOver', // 人社局：养老金等待遇按时足额支付
  'medicalInsuranceHandedOver', // 医保局：医保关系已接续
  'takenIn', // 已纳入社区管理
] as const
export const CaseStepType = z.enum(CASE_STEP_TYPES)
export type CaseStepType = z.infer<typeof CaseStepType>

/** Things recorded on a case that move no stage. */
export const CASE_NOTE_TYPES = [
  'wechatBound', // 微信实名绑定
  'wechatUnbound', // 社区核对身份证后解除绑定
  'detailsConfirmed', // 本人确认基本信息无误
  'detailsDisputed', // 本人提出信息有误
  'visitRecorded', // 网格员当面核对
  'correctionAnswered', // 原企业答复更正申请
  'serviceRecorded', // 居住地社区提供的公共服务（四（六））
  'careRecorded', // 纳入后社区走访慰问、健康检查、困难帮扶（四（七））
  'caseClosed', // 去世或迁往外地：移交办结，记录保留
  'caseTransferred', // 市内搬迁：转到新社区管理
  'qualificationSet', // 人社局：是否需要养老金领取资格认证、上次认证日期
] as const

export const CASE_ACTION_TYPES = [...CASE_STEP_TYPES, ...CASE_NOTE_TYPES] as const
export const CaseActionType = z.enum(CASE_ACTION_TYPES)
export type CaseActionType = z.infer<typeof CaseActionType>

export const CASE_ACTION_NAMES: Record<CaseActionType, string> = {
  wechatBound: '微信实名绑定',
  wechatUnbound: '解除微信绑定',
  detailsConfirmed: '本人确认信息无误',
  detailsDisputed: '本人提出信息有误',
  visitRecorded: '网格员当面核对',
  correctionAnswered: '更正申请已答复',
  serviceRecorded: '居住地社区提供服务',
  careRecorded: '社区走访帮扶',
  caseClosed: '已销户（去世或迁往外地）',
  caseTransferred: '转到新社区管理',
  qualificationSet: '资格认证信息已登记',
  rosterConfirmed: '摸底造册完成',
  materialsSubmitted: '移交材料已备齐',
  agreementCommunitySigned: '社区已签移交协议',
  agreementSigned: '移交协议已签订',
  personnelFileTransferred: '人事档案已移交',
  classifiedFileHandled: '涉密档案已按保密规定办理',
  partyRelationTransferred: '党组织关系已转入社区',
  partyBranchAssigned: '已编入社区党支部',
  socialSecurityHandedOver: '社保服务已衔接',
  pensionHandedOver: '养老金按时足额发放已核对',
  medicalInsuranceHandedOver: '医保关系已接续',
  takenIn: '已纳入社区管理',
}

const note = z.optional(z.string().check(z.maxLength(200)))

/** What service a community gave (上门看望, 健康体检, 代办…): plain words, bounded. */
export const SERVICE_NAME_MAX = 40
export const ServiceName = z.string().check(z.trim(), z.minLength(1, { error: '请写明提供了什么服务' }), z.maxLength(SERVICE_NAME_MAX, { error: `服务内容请写在${SERVICE_NAME_MAX}个字以内` }))

/** What the community did for a person it took in (plan 四（七）): 走访慰问, 健康检查, 困难帮扶. */
export const CARE_KINDS = ['visit', 'healthCheck', 'help'] as const
export const CareKind = z.enum(CARE_KINDS)
export type CareKind = z.infer<typeof CareKind>
export const CARE_TEXT_MAX = 200
/** Why a case closed: the person died, or moved to another city. */
export const CLOSE_REASONS = ['death', 'movedAway'] as const
export const CloseReason = z.enum(CLOSE_REASONS)
export type CloseReason = z.infer<typeof CloseReason>
const chinaDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/), z.describe('China date'))

/** What a caller asks for: the step and its own fields. */
export const CaseStep = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rosterConfirmed'), note }),
  z.object({ type: z.literal('materialsSubmitted'), note }),
  z.object({ type: z.literal('agreementCommunitySigned'), agreementId: z.string().check(z.minLength(1), z.maxLength(80)), note }),
  z.object({ type: z.literal('agreementSigned'), agreementId: z.string().check(z.minLength(1), z.maxLength(80)), note }),
  z.object({ type: z.literal('personnelFileTransferred'), note }),
  z.object({ type: z.literal('classifiedFileHandled'), note }),
  z.object({ type: z.literal('partyRelationTransferred'), note }),
  z.object({ type: z.literal('partyBranchAssigned'), branchName: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)), note }),
  // Recorded by the community after the benefit checks (plan 四（六）).
  z.object({
    type: z.literal('socialSecurityHandedOver'),
    pensionChecked: z.literal(true, { error: '请先核对养老金按时足额发放' }),
    medicalChecked: z.literal(true, { error: '请先核对医保关系已接续' }),
    note,
  }),
  // 人社局 (plan 四（六）: 各类社会保障待遇按时足额支付).
  z.object({ type: z.literal('pensionHandedOver'), pensionOnTime: z.literal(true, { error: '请先核对养老金等待遇按时足额发放' }), note }),
  // 医保局 (plan 四（六）): medical insurance continued; where it was not locally managed, the transfer agreed
  // between the enterprise and the locality; 大病保险、老工人医疗照顾补助金、补充医疗保险、医疗互助帮困 stay on their channel.
  z.object({
    type: z.literal('medicalInsuranceHandedOver'),
    medicalContinued: z.literal(true, { error: '请先核对医保待遇继续享受' }),
    management: z.enum(['local', 'transferAgreed'], { error: '请选择医保是否已纳入地方管理' }).check(z.describe('local: already locally managed; transferAgreed: the enterprise and the locality agreed its transfer')),
    supplementaryOnChannel: z.literal(true, { error: '请先核对补充医疗等待遇仍按原渠道解决' }),
    note,
  }),
  z.object({ type: z.literal('takenIn'), note }),
])
export type CaseStep = z.infer<typeof CaseStep>

export const CaseNote = z.discriminatedUnion('type', [
  z.object({ type: z.literal('wechatBound'), userId: z.string(), assistedBy: z.optional(z.string().check(z.describe('the worker who checked the ID card and issued the binding code'))) }),
  // The community unbinds a lost or hijacked WeChat after checking the retiree's ID card in person.
  z.object({ type: z.literal('wechatUnbound'), userId: z.string() }),
  z.object({ type: z.literal('detailsConfirmed') }),
  z.object({ type: z.literal('detailsDisputed'), correctionId: z.string(), fields: z.array(DetailField) }),
  z.object({
    type: z.literal('visitRecorded'),
    identityChecked: z.boolean(),
    materialsChecked: z.boolean(),
    // Absent on visits recorded before residence communities could record them: those were the receiving community's.
    communityId: z.optional(z.string().check(z.describe('the community of the worker who made the visit (receiving or residence)'))),
    note,
  }),
  z.object({ type: z.literal('correctionAnswered'), correctionId: z.string(), accepted: z.boolean(), fields: z.array(DetailField) }),
  // A public service the residence community gave a person it serves but does not manage (plan 四（六）).
  z.object({ type: z.literal('serviceRecorded'), service: ServiceName, communityId: z.string().check(z.describe('the residence community that served')), note }),
  // After take-in, the receiving community's visits, health checks and help (plan 四（七）); text already redacted.
  z.object({
    type: z.literal('careRecorded'),
    kind: CareKind,
    text: z.string().check(z.maxLength(CARE_TEXT_MAX), z.describe('what was seen or done, in plain words; ID and phone numbers redacted')),
    communityId: z.string().check(z.describe('the community that gave it')),
  }),
  // Terminal: the case keeps its record and history but takes no more work (shared/AfterTakeIn.ts).
  z.object({ type: z.literal('caseClosed'), reason: CloseReason, on: chinaDay.check(z.describe('the day of the death or the move')), note }),
  // A move within the city: the new community receives the case from now on, with its history.
  z.object({ type: z.literal('caseTransferred'), fromCommunityId: z.string(), toCommunityId: z.string(), note }),
  // 人社局: whether the person must pass the yearly pension qualification check, and when they last did.
  z.object({ type: z.literal('qualificationSet'), needed: z.boolean(), lastDoneOn: z.nullable(chinaDay) }),
])
export type CaseNote = z.infer<typeof CaseNote>

/** A recorded step or note: plus who did it, in which role, and when (UTC instant). */
export const CaseAction = z.intersection(
  z.union([CaseStep, CaseNote]),
  z.object({
    id: z.string().check(z.minLength(1)),
    at: z.iso.datetime().check(z.describe('UTC instant')),
    by: z.object({ userId: z.string(), role: Role }),
  }),
)
export type CaseAction = z.infer<typeof CaseAction>
