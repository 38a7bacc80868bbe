/**
 * 公告公示 and 意见反馈 of the enterprise's 移交方案 (plan 五（一）3): the enterprise publishes a
 * summary to all its retirees in the hand-over (what changes for them, what does not, the
 * timetable), each retiree (or a relative allowed to act for them) marks it read or sends an
 * opinion, and the enterprise answers each opinion, recording a change to the plan where it makes one.
 *
 * - A notice is one document per enterprise. Publishing again makes a new edition (第N版): its
 *   retirees see it again and read it again; the receipts and read counts of earlier editions stay.
 * - A read receipt is one per retiree (case) and edition, written once; an opinion also counts as read.
 * - An opinion sent after the feedback closing day is accepted and marked late (逾期), never turned away.
 * - Read counts and opinion counts are figures the store keeps in the same commit (shared/Figures.ts).
 */
import * as z from 'zod/mini'
import { isChinaDate, type ChinaDate } from './ChinaTime'
import { TransferPlanStep } from './HandoverPlans'
import type { User } from './User'

const Text = (max: number, missing: string) => z.string().check(z.trim(), z.minLength(1, { error: missing }), z.maxLength(max, { error: `最多${max}个字` }))
const Day = z.string().check(z.maxLength(10), z.refine(isChinaDate, { error: '日期应写成 YYYY-MM-DD 的形式' }))

export const NOTICE_TEXT_MAX = 500
export const NOTICE_STEPS_MAX = 20
export const OPINION_TEXT_MAX = 300
export const ANSWER_TEXT_MAX = 300
export const PLAN_CHANGE_MAX = 200

/** What the enterprise publishes: the summary of its 移交方案 as the retiree needs it. */
export const NoticeSummary = z.object({
  changes: Text(NOTICE_TEXT_MAX, '请写明移交后对退休人员有哪些变化'),
  unchanged: Text(NOTICE_TEXT_MAX, '请写明哪些不变'),
  steps: z.array(TransferPlanStep).check(z.minLength(1, { error: '请至少写一个步骤和日期' }), z.maxLength(NOTICE_STEPS_MAX, { error: `步骤最多${NOTICE_STEPS_MAX}步` })),
})
export type NoticeSummary = z.infer<typeof NoticeSummary>

/** The published notice of one enterprise (id: the enterprise id); `edition` counts its publications. */
export const PlanNotice = z.object({
  id: z.string().check(z.describe('the enterprise id')),
  version: z.int().check(z.gte(1)),
  enterpriseId: z.string(),
  edition: z.int().check(z.gte(1), z.describe('第N版: each publication is a new edition that every retiree reads again')),
  summary: NoticeSummary,
  feedbackClosesOn: Day.check(z.describe('opinions sent after this China day are marked late')),
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
  deliveryStatus: z.enum(['pending', 'done']).check(z.describe('the inbox messages of this edition: still being written, or all written')),
  deliveredAfter: z.nullable(z.string()).check(z.describe('the last case id whose inbox message is written (cases are read in id order)')),
})
export type PlanNotice = z.infer<typeof PlanNotice>

/** One retiree read one edition (id: `<caseId>~e<edition>`). Written once. */
export const NoticeReceipt = z.object({
  id: z.string(),
  version: z.int().check(z.gte(1)),
  caseId: z.string(),
  enterpriseId: z.string(),
  edition: z.int().check(z.gte(1)),
  readAt: z.iso.datetime(),
  readBy: z.string().check(z.describe('the user id: the retiree or a relative')),
})
export type NoticeReceipt = z.infer<typeof NoticeReceipt>

export const OPINION_STATUSES = ['open', 'answered'] as const
export const OPINION_STATUS_NAMES: Record<(typeof OPINION_STATUSES)[number], string> = { open: '待答复', answered: '已答复' }

export const OpinionAnswer = z.object({
  text: z.string(),
  planChange: z.nullable(z.string()).check(z.describe('the change to the 移交方案 the enterprise records with its answer')),
  answeredAt: z.iso.datetime(),
  answeredBy: z.string(),
})
export type OpinionAnswer = z.infer<typeof OpinionAnswer>

/** 意见: what a retiree (or a relative for them) said about one edition, and the enterprise's answer. */
export const PlanOpinion = z.object({
  id: z.string().check(z.describe('sortable: UTC instant + suffix')),
  version: z.int().check(z.gte(1)),
  enterpriseId: z.string(),
  caseId: z.string(),
  edition: z.int().check(z.gte(1)),
  text: z.string(),
  sentAt: z.iso.datetime(),
  sentBy: z.string(),
  byRelative: z.boolean(),
  late: z.boolean().check(z.describe('sent after the edition’s feedback closing day')),
  status: z.enum(OPINION_STATUSES),
  answer: z.nullable(OpinionAnswer),
})
export type PlanOpinion = z.infer<typeof PlanOpinion>

export const receiptId = (caseId: string, edition: number): string => `${caseId}~e${edition}`

/** Why a notice cannot be published, with the field to fix; null when it can. */
export function noticeProblem(summary: NoticeSummary, feedbackClosesOn: ChinaDate, today: ChinaDate): { message: string; field: 'steps' | 'feedbackClosesOn' } | null {
  const days = summary.steps.map((s) => s.by)
  if (days.some((d, i) => i > 0 && d < days[i - 1])) return { message: '步骤要按时间先后排列。', field: 'steps' }
  if (feedbackClosesOn < today) return { message: '意见反馈截止日期不能早于今天，请给退休人员留出提意见的时间。', field: 'feedbackClosesOn' }
  return null
}

/** The next edition: the first, or the one after the notice published before. Delivery starts again from the first case. */
export function publish(before: PlanNotice | null, enterpriseId: string, summary: NoticeSummary, feedbackClosesOn: ChinaDate, by: string, now: Date): PlanNotice {
  return {
    id: enterpriseId,
    version: (before?.version ?? 0) + 1,
    enterpriseId,
    edition: (before?.edition ?? 0) + 1,
    summary,
    feedbackClosesOn,
    publishedAt: now.toISOString(),
    publishedBy: by,
    deliveryStatus: 'pending',
    deliveredAfter: null,
  }
}

/** The retiree, or a relative the retiree allowed to act for them (the same permission as confirming details). */
export function mayActOnNotice(user: Pick<User, 'role' | 'mayConfirm'>): boolean {
  return user.role === 'retiree' || (user.role === 'relative' && user.mayConfirm === true)
}

/** Whether the retiree's home shows the notice: there is one, the case is in the hand-over, and this edition is not read yet. */
export function showOnHome(notice: Pick<PlanNotice, 'edition'> | null, inScope: boolean, receipt: Pick<NoticeReceipt, 'edition'> | null): boolean {
  return notice !== null && inScope && receipt?.edition !== notice.edition
}

/** An opinion on the current edition, late when sent after its closing day. */
export function newOpinion(notice: PlanNotice, caseId: string, text: string, user: Pick<User, 'id' | 'role'>, id: string, now: Date, today: ChinaDate): PlanOpinion {
  return {
    id,
    version: 1,
    enterpriseId: notice.enterpriseId,
    caseId,
    edition: notice.edition,
    text,
    sentAt: now.toISOString(),
    sentBy: user.id,
    byRelative: user.role === 'relative',
    late: today > notice.feedbackClosesOn,
    status: 'open',
    answer: null,
  }
}

/** The enterprise's answer; an opinion is answered once. Null when it was answered already. */
export function answer(op: PlanOpinion, text: string, planChange: string | null, by: string, now: Date): PlanOpinion | null {
  if (op.status === 'answered') return null
  return { ...op, version: op.version + 1, status: 'answered', answer: { text, planChange, answeredAt: now.toISOString(), answeredBy: by } }
}

/** What the retiree's inbox says when an edition is published, and when their opinion is answered. */
export function publishedInboxText(edition: number, enterpriseName: string): { title: string; body: string } {
  return {
    title: edition === 1 ? '原企业公示了移交方案' : `原企业重新公示了移交方案（第${edition}版）`,
    body: `${enterpriseName}公示了移交方案。请在首页「移交方案公示」里看看移交后哪些变、哪些不变，有意见可以直接提。`,
  }
}

export function answeredInboxText(planChanged: boolean): { title: string; body: string } {
  return { title: '原企业答复了您对移交方案的意见', body: planChanged ? '原企业采纳了您的意见，修改了移交方案。答复在首页「移交方案公示」里。' : '答复在首页「移交方案公示」里。' }
}

/** The figure keys (under the enterprise's unit) a receipt and an opinion count for. */
export const readFigure = (edition: number): string => `nr|${edition}`
export const opinionFigure = (status: PlanOpinion['status']): string => `op|${status}`

// Views

const StepView = z.object({ step: z.string(), by: z.string() })

/** The notice as the retiree reads it, with their own opinions and the answers. */
export const RetireeNoticeView = z.object({
  notice: z.nullable(
    z.object({
      edition: z.int(),
      enterpriseName: z.string(),
      publishedOn: z.string(),
      changes: z.string(),
      unchanged: z.string(),
      steps: z.array(StepView),
      feedbackClosesOn: z.string(),
      feedbackClosed: z.boolean(),
      read: z.boolean(),
    }),
  ),
  mayAct: z.boolean().check(z.describe('the retiree, or a relative allowed to act for them')),
  opinions: z.array(
    z.object({
      id: z.string(),
      edition: z.int(),
      text: z.string(),
      sentOn: z.string(),
      late: z.boolean(),
      answer: z.nullable(z.object({ text: z.string(), planChange: z.nullable(z.string()), answeredOn: z.string() })),
    }),
  ),
})
export type RetireeNoticeView = z.infer<typeof RetireeNoticeView>

/** The notice as the enterprise and the office see it: the current edition and its counts. */
export const NoticeStaffView = z.object({
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  notice: z.nullable(z.object({ edition: z.int(), publishedOn: z.string(), summary: NoticeSummary, feedbackClosesOn: z.string(), delivered: z.boolean() })),
  read: z.int().check(z.describe('retirees who read the current edition')),
  retirees: z.int().check(z.describe('retirees of the enterprise in the hand-over')),
  opinionsOpen: z.int(),
  opinionsAnswered: z.int(),
})
export type NoticeStaffView = z.infer<typeof NoticeStaffView>

export const OpinionItem = z.object({
  id: z.string(),
  version: z.int(),
  edition: z.int(),
  name: z.string().check(z.describe('the retiree’s name; masked for the office')),
  text: z.string(),
  sentOn: z.string(),
  late: z.boolean(),
  byRelative: z.boolean(),
  status: z.enum(OPINION_STATUSES),
  answer: z.nullable(z.object({ text: z.string(), planChange: z.nullable(z.string()), answeredOn: z.string() })),
})
export type OpinionItem = z.infer<typeof OpinionItem>

export const OpinionListView = z.object({ items: z.array(OpinionItem), nextCursor: z.nullable(z.string()) })
export type OpinionListView = z.infer<typeof OpinionListView>
