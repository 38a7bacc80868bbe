/**
 * Approvals after the hand-over (plan 四（七）): a retiree's request for a part-time post
 * (兼职（任职）) or a private trip abroad (因私出国（境）), routed by category to the unit that
 * decides it, and its state: submitted → approved / refused (with a reason) / withdrawn.
 */
import * as z from 'zod/mini'
import type { RetireeCase } from './Case'
import type { CaseCategories } from './Category'
import { assertNever } from './CaseState'
import { formatChinaDate, isChinaDate } from './ChinaTime'
import { mayActOnNotice } from './PlanNotice'
import type { Role } from './Role'
import type { User } from './User'

export const APPROVAL_KINDS = ['partTimePost', 'privateTripAbroad'] as const
export const ApprovalKind = z.enum(APPROVAL_KINDS)
export type ApprovalKind = z.infer<typeof ApprovalKind>

/** The staff page with a unit's pending requests (miniprogram/routes.ts approvals), where a new request's message links. */
export const APPROVALS_STAFF_LINK = '/officer/pages/approvals/index'

export const APPROVAL_KIND_NAMES: Record<ApprovalKind, string> = {
  partTimePost: '兼职（任职）',
  privateTripAbroad: '因私出国（境）',
}

/** Who decides a request (plan 四（七）). */
export const APPROVAL_UNITS = ['community', 'organisationDepartment', 'originalUnit'] as const
export type ApprovalUnit = (typeof APPROVAL_UNITS)[number]

export const APPROVAL_UNIT_NAMES: Record<ApprovalUnit, string> = {
  community: '接收社区',
  organisationDepartment: '市委组织部',
  originalUnit: '原单位（原企业）',
}

/**
 * Plan 四（七）: the community decides in general; the organisation department for leaders the
 * 市委 manages, both kinds; the original unit for trips abroad by military-industry leaders and core
 * secret-holders, whose part-time posts stay with the community. Someone who is both: a trip goes
 * to the original unit (the rule that names trips abroad and the unit that holds the secrets), a
 * part-time post to the organisation department (the only rule that names posts for them).
 */
export function approvalUnit(kind: ApprovalKind, categories: Pick<CaseCategories, 'municipalCadre' | 'militaryIndustryLeader'>): ApprovalUnit {
  if (kind === 'privateTripAbroad' && categories.militaryIndustryLeader) return 'originalUnit'
  if (categories.municipalCadre) return 'organisationDepartment'
  return 'community'
}

/** The unit's key, one per organisation: `community:<id>`, `party` (city-wide), `enterprise:<id>`. */
export function approvalUnitKey(unit: ApprovalUnit, c: Pick<RetireeCase, 'enterpriseId'> & { summary: Pick<RetireeCase['summary'], 'receivingCommunityId'> }): string {
  switch (unit) {
    case 'community':
      return `community:${c.summary.receivingCommunityId}`
    case 'organisationDepartment':
      return 'party'
    case 'originalUnit':
      return `enterprise:${c.enterpriseId}`
    default:
      return assertNever(unit)
  }
}

/** The roles that decide for each unit: the community's admin, the organisation department, the enterprise's operator. */
export const APPROVER_ROLES = ['communityAdmin', 'partyOfficer', 'enterpriseOperator'] as const satisfies readonly Role[]

/** The unit a member of staff decides for, or null: the same keys as approvalUnitKey. */
export function approverUnitKey(user: Pick<User, 'role' | 'orgId'>): string | null {
  if (user.role === 'communityAdmin') return `community:${user.orgId}`
  if (user.role === 'partyOfficer') return 'party'
  if (user.role === 'enterpriseOperator') return `enterprise:${user.orgId}`
  return null
}

/**
 * Requests are taken only after the hand-over: once the community has taken the person into its
 * management (纳入社区管理服务, the last stage; plan 五（三）and 四（七）). Before it the enterprise
 * still manages them; someone outside the transfer stays with their unit's current rules.
 */
export function approvalsOpen(c: { summary: Pick<RetireeCase['summary'], 'inScope' | 'done'> }): { open: true } | { open: false; message: string } {
  if (!c.summary.inScope) return { open: false, message: '您不在这次移交范围内，兼职（任职）、因私出国（境）仍由原单位按现行规定审批。' }
  if (!c.summary.done) return { open: false, message: '您还没有纳入社区管理。移交完成前，兼职（任职）、因私出国（境）仍向原企业申请。' }
  return { open: true }
}

const text = (max: number, empty: string) => z.string().check(z.trim(), z.minLength(1, { error: empty }), z.maxLength(max, { error: `请写在${max}个字以内` }))
const ChinaDay = z.string().check(z.trim(), z.maxLength(10), z.refine(isChinaDate, { error: '日期应写成 2020-05-01 这样' }))

export const TripDetails = z
  .object({
    kind: z.literal('privateTripAbroad'),
    destination: text(40, '请写去哪个国家或地区'),
    from: ChinaDay.check(z.describe('leaving, China date')),
    to: ChinaDay.check(z.describe('back, China date')),
    purpose: text(100, '请简单写一下出去做什么'),
  })
  .check(z.refine((t) => t.from <= t.to, { error: '回来的日期不能早于出发的日期', path: ['to'] }))
export type TripDetails = z.infer<typeof TripDetails>

export const PostDetails = z.object({
  kind: z.literal('partTimePost'),
  organisation: text(60, '请写在哪个单位兼职'),
  post: text(30, '请写担任什么职务'),
  term: text(40, '请写任期，如 2020年5月至2022年4月'),
})
export type PostDetails = z.infer<typeof PostDetails>

export const ApprovalDetails = z.discriminatedUnion('kind', [TripDetails, PostDetails])
export type ApprovalDetails = z.infer<typeof ApprovalDetails>

export const APPROVAL_STATUSES = ['submitted', 'approved', 'refused', 'withdrawn'] as const
export const ApprovalStatus = z.enum(APPROVAL_STATUSES)
export type ApprovalStatus = z.infer<typeof ApprovalStatus>

export const APPROVAL_STATUS_NAMES: Record<ApprovalStatus, string> = {
  submitted: '已提交，等待审批',
  approved: '已同意',
  refused: '没有同意',
  withdrawn: '您已撤回',
}

export type ApprovalMove = 'approve' | 'refuse' | 'withdraw'

/** What may happen in each state: only a submitted request moves, once. */
export const APPROVAL_MOVES = {
  submitted: ['approve', 'refuse', 'withdraw'],
  approved: [],
  refused: [],
  withdrawn: [],
} as const satisfies Record<ApprovalStatus, readonly ApprovalMove[]>

const MOVE_RESULT = { approve: 'approved', refuse: 'refused', withdraw: 'withdrawn' } as const satisfies Record<ApprovalMove, ApprovalStatus>

const Actor = z.object({ userId: z.string(), role: z.string() })

export const ApprovalRequest = z.object({
  id: z.string().check(z.describe('sortable: submission instant + suffix')),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  details: ApprovalDetails,
  unit: z.enum(APPROVAL_UNITS).check(z.describe('who decides, routed from the categories when submitted')),
  routedTo: z.string().check(z.describe('approvalUnitKey of the unit')),
  status: ApprovalStatus,
  unitQueue: z.string().check(z.describe('routedTo|status: the index the unit lists its pending requests by')),
  answer: z.nullable(z.string().check(z.describe('the unit’s reason for a refusal, or its note on an approval'))),
  submittedBy: Actor,
  decidedBy: z.nullable(Actor),
  createdAt: z.iso.datetime(),
  decidedAt: z.nullable(z.iso.datetime()),
})
export type ApprovalRequest = z.infer<typeof ApprovalRequest>

export function unitQueue(routedTo: string, status: ApprovalStatus): string {
  return `${routedTo}|${status}`
}

/** A new request, routed by the case's categories now. */
export function newApprovalRequest(c: Pick<RetireeCase, 'id' | 'enterpriseId' | 'categories'> & { summary: Pick<RetireeCase['summary'], 'receivingCommunityId'> }, details: ApprovalDetails, by: { userId: string; role: string }, at: Date, suffix: string): ApprovalRequest {
  const unit = approvalUnit(details.kind, c.categories)
  const routedTo = approvalUnitKey(unit, c)
  return {
    id: `${at.toISOString()}~${suffix}`,
    version: 1,
    caseId: c.id,
    details,
    unit,
    routedTo,
    status: 'submitted',
    unitQueue: unitQueue(routedTo, 'submitted'),
    answer: null,
    submittedBy: by,
    decidedBy: null,
    createdAt: at.toISOString(),
    decidedAt: null,
  }
}

export type ApprovalRefusal = { code: 'FORBIDDEN' | 'CONFLICT' | 'BAD_REQUEST'; message: string }

/** Requests one case may have waiting at once: enough for a trip and a post, not a flood. */
export const MAX_WAITING_PER_CASE = 5

/** The counter of a case's waiting requests: taken before a request is written, given back when it is decided or withdrawn. */
export function waitingCounterKey(caseId: string): string {
  return `approval-open:${caseId}`
}

/** Said to a relative the retiree has not allowed to act for them (the same words as for concerns). */
export const RELATIVE_NEEDS_PERMISSION = '这一步需要老人本人来做。如需您代办，请老人在「亲情代办」里邀请时勾选允许代为确认。'

/**
 * Why this user may not submit or withdraw for their case, or null: the retiree, or a relative
 * the retiree allowed to act for them (mayConfirm), as for concerns and the plan notice.
 */
export function retireeSideRefusal(user: Pick<User, 'role' | 'mayConfirm'>): ApprovalRefusal | null {
  return mayActOnNotice(user) ? null : { code: 'FORBIDDEN', message: RELATIVE_NEEDS_PERMISSION }
}

/**
 * Why this user may not make this move on this request, or null: the unit it was routed to
 * decides, the retiree's side withdraws its own (a relative only with the retiree's permission),
 * and only a submitted request moves.
 */
export function approvalRefusal(user: Pick<User, 'role' | 'orgId' | 'caseId' | 'mayConfirm'>, r: Pick<ApprovalRequest, 'caseId' | 'routedTo' | 'status'>, move: ApprovalMove, answer?: string): ApprovalRefusal | null {
  if (move === 'withdraw') {
    if ((user.role !== 'retiree' && user.role !== 'relative') || user.caseId !== r.caseId) return { code: 'FORBIDDEN', message: '只有本人或代办的亲属可以撤回申请。' }
    const side = retireeSideRefusal(user)
    if (side) return side
  } else if (approverUnitKey(user) !== r.routedTo) {
    return { code: 'FORBIDDEN', message: '这条申请不由您的单位审批。' }
  }
  if (!(APPROVAL_MOVES[r.status] as readonly ApprovalMove[]).includes(move)) return { code: 'CONFLICT', message: `这条申请${APPROVAL_STATUS_NAMES[r.status]}，不能再改。` }
  if (move === 'refuse' && !answer?.trim()) return { code: 'BAD_REQUEST', message: '不同意时请写明理由。' }
  return null
}

/** The request after a move (checked with approvalRefusal first). */
export function applyApprovalMove(r: ApprovalRequest, move: ApprovalMove, by: { userId: string; role: string }, at: Date, answer?: string): ApprovalRequest {
  const status = MOVE_RESULT[move]
  const decided = move !== 'withdraw'
  return {
    ...r,
    version: r.version + 1,
    status,
    unitQueue: unitQueue(r.routedTo, status),
    answer: decided ? answer?.trim() || null : r.answer,
    decidedBy: decided ? by : r.decidedBy,
    decidedAt: at.toISOString(),
  }
}

/** The request's details as plain lines: 去哪里、哪天到哪天、做什么 / 哪个单位、什么职务、任期. */
export function approvalDetailLines(d: ApprovalDetails): string[] {
  switch (d.kind) {
    case 'privateTripAbroad':
      return [`去往：${d.destination}`, `时间：${formatChinaDate(d.from)} 至 ${formatChinaDate(d.to)}`, `事由：${d.purpose}`]
    case 'partTimePost':
      return [`单位：${d.organisation}`, `职务：${d.post}`, `任期：${d.term}`]
    default:
      return assertNever(d)
  }
}

export const ApprovalItemView = z.object({
  id: z.string(),
  version: z.int(),
  kind: ApprovalKind,
  title: z.string(),
  lines: z.array(z.string()),
  status: ApprovalStatus,
  statusName: z.string(),
  unitName: z.string(),
  answer: z.nullable(z.string()),
  createdAt: z.string(),
  decidedAt: z.nullable(z.string()),
})
export type ApprovalItemView = z.infer<typeof ApprovalItemView>

export function approvalItemView(r: ApprovalRequest): ApprovalItemView {
  return {
    id: r.id,
    version: r.version,
    kind: r.details.kind,
    title: `${APPROVAL_KIND_NAMES[r.details.kind]}申请`,
    lines: approvalDetailLines(r.details),
    status: r.status,
    statusName: APPROVAL_STATUS_NAMES[r.status],
    unitName: APPROVAL_UNIT_NAMES[r.unit],
    answer: r.answer,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
  }
}

/** The retiree's screen: whether requests are taken, where each kind would go, and their requests. */
export const ApprovalMineView = z.object({
  open: z.boolean(),
  notice: z.nullable(z.string().check(z.describe('why requests are not taken here, in plain words'))),
  routes: z.array(z.object({ kind: ApprovalKind, kindName: z.string(), unitName: z.string() })),
  items: z.array(ApprovalItemView),
  nextCursor: z.nullable(z.string()),
})
export type ApprovalMineView = z.infer<typeof ApprovalMineView>

/** A unit's pending requests, with the person's name (nothing else personal). */
export const ApprovalQueueView = z.object({
  unitName: z.string(),
  items: z.array(z.extend(ApprovalItemView, { name: z.string() })),
  nextCursor: z.nullable(z.string()),
})
export type ApprovalQueueView = z.infer<typeof ApprovalQueueView>
