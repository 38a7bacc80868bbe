/**
 * The audit trail as the supervisor reads it (issue 10): per case, or per member of staff over a
 * range of China dates. Each entry says who (name and role), when (China time), what (a Chinese
 * label for the action), the field changes (masked when they were written, shown as stored) and
 * the outcome. Pure: the handlers look up the names and page through the store.
 */
import * as z from 'zod/mini'
import type { AuditEntry, FieldChange } from './AuditEntry'
import { CASE_ACTION_NAMES } from './CaseAction'
import { addChinaDays, CHINA_OFFSET_MINUTES, chinaDaysBetween, formatChinaDateTime, isChinaDate, type ChinaDate } from './ChinaTime'
import { IGNORED_RECORD_ACTIONS } from './ports/RecordSchemas'
import { ROLE_NAMES, type Role } from './Role'

/** Entries per page on the screen. */
export const AUDIT_TRAIL_PAGE = 50

/** The longest staff range one request may ask for (a year and a day, leap years included). */
export const AUDIT_RANGE_MAX_DAYS = 366

/** What each action does, in plain words. An action missing here is shown by its code. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'session.me': '登录',
  'case.myStatus': '查看自己的移交进度',
  'case.list': '查看名单',
  'case.queue': '查看工作队列',
  'case.get': '查看个人信息',
  'phone.viewed': '查看个人信息（含完整电话）',
  'migrate.agreementSteps': '补记社区在移交协议上的签字（升级旧数据）',
  'keys.rotated': '身份证号全部换用新密钥加密（密钥轮换完成）',
  'case.recordStep': '办理一个步骤',
  'case.delete': '删除移交信息',
  'binding.bind': '实名绑定',
  'binding.acceptInvite': '亲属接受邀请',
  'binding.redeem': '用绑定码绑定',
  'binding.people': '查看绑定的微信',
  'binding.assist': '开绑定码',
  'binding.unbind': '解除微信绑定',
  'community.byCode': '查看社区',
  'community.mine': '查看我的社区',
  'details.get': '查看基本信息',
  'details.confirm': '确认基本信息',
  'details.dispute': '提出信息有误',
  'visit.issuePass': '出示二维码',
  'visit.open': '扫码核对',
  'visit.record': '记录上门核对',
  'residence.list': '查看在本社区居住的外社区人员',
  'roster.referrals': '查看户籍不在本市的转出人员',
  'roster.markReferralSent': '标记转出人员已转给户籍地',
  'residence.recordService': '登记为居住在本社区的老人提供的服务',
  'agreement.communities': '查看可签协议的社区',
  'agreement.candidates': '查看协议人员',
  'agreement.draft': '起草移交协议',
  'agreement.list': '查看移交协议',
  'agreement.sign': '社区签订协议',
  'agreement.countersign': '企业会签协议',
  'archives.enterprises': '查看待移交档案的企业',
  'archives.batch': '档案分批移交',
  'correction.list': '查看更正申请',
  'correction.answer': '答复更正申请',
  'care.record': '登记走访慰问、健康检查或困难帮扶',
  'case.close': '登记去世或迁往外地（案例办结）',
  'case.transfer': '市内搬迁，转到新社区管理',
  'qualification.set': '登记是否需要养老金领取资格认证',
  'approval.mine': '查看自己的兼职、出国（境）申请',
  'approval.submit': '提交兼职或因私出国（境）申请',
  'approval.withdraw': '撤回兼职或因私出国（境）申请',
  'approval.pending': '查看待审批的兼职、出国（境）申请',
  'approval.decide': '审批兼职或因私出国（境）申请',
  'roster.template': '下载名册模板',
  'roster.preview': '上传名册检查',
  'roster.previewPerson': '新增一人检查',
  'roster.confirm': '确认导入名册',
  'roster.continueImport': '继续写入已确认的名册',
  'materials.get': '查看移交材料',
  'materials.attach': '上传移交材料',
  'materials.confirmHukou': '确认户籍社区',
  'materials.submit': '提交移交材料',
  'staff.invite': '邀请工作人员',
  'staff.invites': '查看邀请码',
  'staff.revokeInvite': '作废邀请码',
  'staff.orgs': '查看单位',
  'staff.members': '查看工作人员',
  'staff.remove': '移除工作人员',
  'staff.join': '工作人员加入',
  'assets.list': '查看资产',
  'assets.save': '登记资产',
  'expenses.list': '查看统筹外费用',
  'expenses.save': '登记统筹外费用',
  'expenses.accrue': '登记统筹外费用一次性计提',
  'roster.ownRules': '查看企业是否另有规定',
  'roster.markOwnRules': '标记金融企业另有规定',
  'plan.get': '查看移交方案和维稳方案',
  'plan.save': '保存移交方案和维稳方案',
  'notice.get': '查看移交方案公示和阅读人数',
  'notice.publish': '公示移交方案',
  'notice.opinions': '查看对移交方案的意见',
  'notice.answer': '答复对移交方案的意见',
  'notice.mine': '查看移交方案公示',
  'notice.markRead': '移交方案公示标为已读',
  'notice.sendOpinion': '对移交方案提意见',
  'messages.mine': '查看工作消息',
  'messages.markRead': '工作消息标为已读',
  'inbox.list': '查看消息',
  'inbox.markRead': '消息标为已读',
  'consent.record': '订阅消息授权',
  'family.list': '查看亲情代办',
  'family.invite': '邀请亲属',
  'family.remove': '移除亲属',
  'family.revokeInvite': '作废亲属邀请',
  'family.ofCase': '查看老人的亲属代办',
  'family.staffInvite': '当面核对后给亲属开邀请码',
  'family.staffRevokeInvite': '社区作废亲属邀请',
  'board.overview': '查看进度看板',
  'board.mine': '查看本单位进度',
  'board.cases': '查看进度背后的名单',
  'board.burnDown': '查看全市未办事项走势',
  'reach.shares': '查看联系渠道情况',
  'reach.unreached': '查看联系不上的人员',
  'forecast.units': '查看进度预测',
  'bulletin.preview': '预览通报',
  'bulletin.issue': '印发通报',
  'bulletin.list': '查看通报',
  'bulletin.get': '查看一期通报',
  'assessment.preview': '查看考核',
  'export.bulletin': '下载通报',
  'export.assessment': '下载考核',
  'audit.case': '查看案例的操作记录',
  'audit.staff': '查看工作人员的操作记录',
  'export.audit': '下载操作记录',
  'print.poster': '下载社区二维码海报',
  'print.notices': '打印纸质通知',
  'notice.recordDelivery': '登记纸质通知送达',
  'concern.raise': '提出诉求',
  'concern.mine': '查看自己的诉求',
  'concern.rate': '评价诉求的答复',
  'concern.list': '查看诉求清单',
  'concern.photoViewed': '查看诉求照片',
  'organisations.load': '导入企业和社区名单',
  'board.concerns': '查看诉求统计',
  'concern.answer': '答复诉求',
  'concern.escalate': '诉求逾期未答复，自动上报',
  'plan.setStabilityContact': '指定维稳联系人',
  'incident.add': '登记维稳情况',
  'incident.list': '查看维稳情况记录',
  [IGNORED_RECORD_ACTIONS.clientWritten]: '发现并忽略客户端写入的记录',
  [IGNORED_RECORD_ACTIONS.invalid]: '发现并忽略格式不对的记录',
}

/** What the changed fields are, in plain words. A field missing here is shown by its code. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  'printed.outcome': '纸质通知送达情况',
  'person.name': '姓名',
  'person.gender': '性别',
  'person.birthMonth': '出生年月',
  'person.idNumber': '身份证号（遮蔽）',
  'person.phone': '电话（遮蔽）',
  'person.hukouAddress': '户籍地址',
  'person.residenceAddress': '居住地址',
  'person.retirementMonth': '退休年月',
  enterpriseId: '原单位',
  hukouCommunityId: '户籍社区',
  residenceCommunityId: '居住社区',
  categories: '人员类别',
  'summary.currentStage': '当前环节',
  'summary.done': '是否办结',
  actions: '办理步骤',
  materials: '移交材料',
  relatives: '亲属',
  staff: '工作人员',
  staffInvite: '邀请码',
  rows: '条数',
}

const own = (table: Record<string, string>, key: string): string | undefined => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined)

/** A change as the trail shows it: the field named, recorded steps by their names; values stay as stored (masked). */
function changeView(c: FieldChange): FieldChange {
  const steps = (v: string | null) => (v === null ? null : v.split(',').map((t) => own(CASE_ACTION_NAMES, t) ?? t).join('、'))
  return { field: own(AUDIT_FIELD_LABELS, c.field) ?? c.field, before: c.field === 'actions' ? steps(c.before) : c.before, after: c.field === 'actions' ? steps(c.after) : c.after }
}

export const OUTCOME_NAMES: Record<AuditEntry['outcome'], string> = { done: '已办理', refused: '被拒绝' }

export function auditActionLabel(action: string): string {
  return own(AUDIT_ACTION_LABELS, action) ?? action
}

/** A user id shown when nobody by that id is on record (a removed member of staff): its first 4 characters. */
export function maskUserId(id: string): string {
  return id.length <= 4 ? '*'.repeat(id.length) : `${id.slice(0, 4)}****`
}

/** The UTC instants [from, to) of China dates `from` to `to`, both whole days included. */
export function chinaDateRange(from: ChinaDate, to: ChinaDate): { from: string; to: string } {
  const start = (d: ChinaDate) => new Date(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) - CHINA_OFFSET_MINUTES * 60_000).toISOString()
  return { from: start(from), to: start(addChinaDays(to, 1)) }
}

const TrailDate = z.string().check(z.trim(), z.maxLength(10), z.refine(isChinaDate, { error: '日期应写成 YYYY-MM-DD 的形式' }))
const TrailCursor = z.optional(z.string().check(z.maxLength(200)))
const TrailCaseId = z.string().check(z.trim(), z.minLength(1, { error: '缺少案例编号' }), z.maxLength(64))

/** Which trail: one case's, or one member of staff's over China dates `from` to `to` (both included). */
export const AuditCaseInput = z.object({ caseId: TrailCaseId, after: TrailCursor })
const staffRange = { userId: z.string().check(z.trim(), z.minLength(1, { error: '请选择一位工作人员' }), z.maxLength(128)), from: TrailDate, to: TrailDate }
const rangeChecks = [
  z.refine<{ from: string; to: string }>((r) => r.from <= r.to, { error: '开始日期不能晚于结束日期', path: ['to'] }),
  z.refine<{ from: string; to: string }>((r) => chinaDaysBetween(r.from, r.to) < AUDIT_RANGE_MAX_DAYS, { error: `一次最多查 ${AUDIT_RANGE_MAX_DAYS} 天`, path: ['to'] }),
]
export const AuditStaffInput = z.object({ ...staffRange, after: TrailCursor }).check(...rangeChecks)
export const AuditExportInput = z.union([z.object({ caseId: TrailCaseId }), z.object(staffRange).check(...rangeChecks)])

/** A trail as a spreadsheet: the file, how many entries it holds, and whether the cap cut it short. */
export const AuditExportView = z.object({ fileName: z.string(), xlsxBase64: z.string(), rows: z.int(), capped: z.boolean() })
export type AuditExportView = z.infer<typeof AuditExportView>

/** One entry as the trail shows it. */
export const AuditTrailItem = z.object({
  id: z.string(),
  who: z.string().check(z.describe('the name on record, or the masked id when nobody by that id is on record')),
  roleName: z.string(),
  when: z.string().check(z.describe('China time, 2020年3月20日 09:00')),
  at: z.string().check(z.describe('UTC instant')),
  what: z.string(),
  action: z.string(),
  caseId: z.nullable(z.string()),
  changes: z.array(z.object({ field: z.string(), before: z.nullable(z.string()), after: z.nullable(z.string()) })),
  outcome: z.string(),
  refused: z.boolean(),
})
export type AuditTrailItem = z.infer<typeof AuditTrailItem>

export const AuditTrailView = z.object({
  items: z.array(AuditTrailItem),
  nextCursor: z.nullable(z.string()),
})
export type AuditTrailView = z.infer<typeof AuditTrailView>

/** What the trail knows of an actor: their name on record, if any. */
export type ActorNames = ReadonlyMap<string, string>

function roleName(role: AuditEntry['actor']['role']): string {
  if (role === 'system') return '系统'
  if (role === 'anonymous') return '未登录'
  return ROLE_NAMES[role as Role]
}

function who(entry: AuditEntry, names: ActorNames): string {
  if (entry.actor.role === 'system') return '系统'
  return names.get(entry.actor.userId) ?? maskUserId(entry.actor.userId)
}

export function auditTrailItem(entry: AuditEntry, names: ActorNames): AuditTrailItem {
  return {
    id: entry.id,
    who: who(entry, names),
    roleName: roleName(entry.actor.role),
    when: formatChinaDateTime(entry.at),
    at: entry.at,
    what: auditActionLabel(entry.action),
    action: entry.action,
    caseId: entry.caseId,
    changes: entry.changes.map(changeView),
    outcome: OUTCOME_NAMES[entry.outcome],
    refused: entry.outcome === 'refused',
  }
}
